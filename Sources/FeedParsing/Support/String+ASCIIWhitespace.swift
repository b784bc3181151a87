extension String {
    /// The string without leading and trailing ASCII whitespace (space, tab, CR, LF, FF).
    func trimmingASCIIWhitespace() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !$0.isXMLWhitespace }) else { return "" }
        guard let last = utf8.lastIndex(where: { !$0.isXMLWhitespace }) else { return "" }
        if first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) { return self }
        return String(self[first...last])
    }

    /// The string with runs of whitespace turned into one space and no leading or trailing whitespace.
    func collapsingWhitespace() -> String {
        var needsWork = false
        var previousWasSpace = true
        for byte in utf8 {
            let isSpace = byte.isXMLWhitespace
            if isSpace && (previousWasSpace || byte != 0x20) { needsWork = true; break }
            previousWasSpace = isSpace
        }
        if !needsWork && !previousWasSpace { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            if byte.isXMLWhitespace {
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

extension UInt8 {
    /// XML's whitespace: space, tab, line feed, carriage return.
    var isXMLWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
