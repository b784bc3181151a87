extension String {
    /// The string without leading and trailing XML whitespace (space, tab, line feed, carriage return).
    public func trimmingASCIIWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !$0.isXMLWhitespace }) else { return "" }
        guard let last = utf8.lastIndex(where: { !$0.isXMLWhitespace }) else { return "" }
        if first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) { return self }
        return String(self[first...last])
    }

    /// The string with runs of XML whitespace turned into one space and no leading or trailing whitespace.
    ///
    /// Feed fields use XML's four whitespace bytes: a form feed in a title is not a space there.
    public func collapsingWhitespace() -> String {
        collapsing(where: \.isXMLWhitespace)
    }

    /// The string on one line: runs of ASCII whitespace (C's `isspace`, so vertical tab and form feed too) become
    /// one space, ends trimmed.
    ///
    /// For text feedd shows on one line (digest titles, error messages), where no kind of line break may survive.
    public func collapsingAllASCIIWhitespace() -> String {
        collapsing(where: \.isASCIIWhitespace)
    }

    private func collapsing(where isSpace: (UInt8) -> Bool) -> String {
        // Most fields need nothing: answer them without copying.
        var needsWork = false
        var previousWasSpace = true
        for byte in utf8 {
            let byteIsSpace = isSpace(byte)
            if byteIsSpace && (previousWasSpace || byte != 0x20) { needsWork = true; break }
            previousWasSpace = byteIsSpace
        }
        if !needsWork && !previousWasSpace { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            if isSpace(byte) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
