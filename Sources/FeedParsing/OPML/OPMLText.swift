/// Byte-level helpers that turn what libxml2 hands the OPML reader into clean strings.
enum OPMLText {
    /// The UTF-8 bytes as a string with control characters removed and ASCII whitespace trimmed.
    ///
    /// Tab, CR and LF become spaces (a title should stay one line); other C0 controls, DEL and C1 controls are
    /// dropped. With `decodingAmpersandMarker`, the `&#38;` that libxml2 leaves in attribute values for every `&` when
    /// it substitutes no entities is turned back into `&` (in attribute values no other `&` can reach us).
    static func clean(_ raw: UnsafeBufferPointer<UInt8>, decodingAmpersandMarker: Bool) -> String {
        if isClean(raw, decodingAmpersandMarker: decodingAmpersandMarker) {
            return String(decoding: raw, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            if byte == UInt8(ascii: "&"), decodingAmpersandMarker, isAmpersandMarker(raw, at: index) {
                out.append(UInt8(ascii: "&"))
                index += 5
                continue
            }
            if byte == 0x09 || byte == 0x0A || byte == 0x0D {
                out.append(0x20)
            } else if byte < 0x20 || byte == 0x7F {
                // Dropped.
            } else if byte == 0xC2, index + 1 < raw.count, (0x80...0x9F).contains(raw[index + 1]) {
                index += 1
            } else {
                out.append(byte)
            }
            index += 1
        }
        var start = 0
        var end = out.count
        while start < end, out[start] == 0x20 { start += 1 }
        while end > start, out[end - 1] == 0x20 { end -= 1 }
        return String(decoding: out[start..<end], as: UTF8.self)
    }

    /// Whether `raw` needs none of the work `clean` does.
    @inline(__always)
    private static func isClean(_ raw: UnsafeBufferPointer<UInt8>, decodingAmpersandMarker: Bool) -> Bool {
        guard let first = raw.first, let last = raw.last else { return true }
        if first == 0x20 || last == 0x20 { return false }
        for byte in raw {
            if byte < 0x20 || byte == 0x7F || byte == 0xC2 { return false }
            if decodingAmpersandMarker && byte == UInt8(ascii: "&") { return false }
        }
        return true
    }

    private static func isAmpersandMarker(_ raw: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 5 <= raw.count && raw[index + 1] == UInt8(ascii: "#") && raw[index + 2] == UInt8(ascii: "3")
            && raw[index + 3] == UInt8(ascii: "8") && raw[index + 4] == UInt8(ascii: ";")
    }

    /// Whether the NUL-terminated name equals `lowercase` (ASCII letters only), ignoring ASCII case.
    @inline(__always)
    static func nameEquals(_ name: UnsafePointer<UInt8>, _ lowercase: StaticString) -> Bool {
        let count = lowercase.utf8CodeUnitCount
        let letters = lowercase.utf8Start
        for index in 0..<count where name[index] | 0x20 != letters[index] {
            return false
        }
        return name[count] == 0
    }

    /// The comma-separated entries of a `category` attribute as tags.
    ///
    /// An entry starting with `/` is an OPML 2.0 category path (`/News/Tech`) and contributes its last non-empty
    /// component, the most specific one; any other entry is a tag as written. Entries are trimmed; empty ones dropped.
    static func categoryTags(_ category: String) -> [String] {
        var tags: [String] = []
        for entry in category.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true) {
            var bytes = Substring(entry)
            if bytes.utf8.first == UInt8(ascii: "/") {
                let components = bytes.utf8.split(separator: UInt8(ascii: "/")).map(Substring.init)
                guard let last = components.last(where: { !trimmed($0).isEmpty }) else { continue }
                bytes = last
            }
            let tag = trimmed(bytes)
            if !tag.isEmpty { tags.append(tag) }
        }
        return tags
    }

    /// The text without leading and trailing spaces (the only whitespace `clean` leaves).
    static func trimmed(_ text: Substring) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 }),
            let last = utf8.lastIndex(where: { $0 != 0x20 })
        else { return "" }
        return String(text[first...last])
    }
}
