import Foundation

/// Header field lines of a mail: RFC 2047 encoded-words for non-ASCII text, folding, address lists.
///
/// Every value is cleaned of CR, LF and NUL first, so no caller-supplied text can add a header line.
enum MailHeader {
    /// The line length folding aims for (RFC 5322 §2.1.1 recommends 78; 76 matches the body's limit).
    static let lineLimit = 76

    /// `Name: value` plus CRLF for unstructured text (e.g. Subject), encoded when it is not plain ASCII.
    static func unstructured(_ name: String, _ value: String) -> String {
        let value = cleaned(value)
        let prefix = name + ": "
        if needsEncoding(value) {
            return prefix + encodedWords(value, firstLineUsed: prefix.utf8.count) + "\r\n"
        }
        return folded(prefix + value) + "\r\n"
    }

    /// `Name: address, address` plus CRLF; display names that are not plain ASCII become encoded-words.
    static func addresses(_ name: String, _ addresses: [String]) -> String {
        var line = name + ":"
        var column = line.utf8.count
        for (position, address) in addresses.enumerated() {
            let separator = position == addresses.count - 1 ? "" : ","
            var text = formatted(cleaned(address), column: column + 1) + separator
            if position > 0 && column + 1 + firstLineWidth(text) > lineLimit {
                line += "\r\n"
                column = 0
                text = formatted(cleaned(address), column: 1) + separator
            }
            line += " " + text
            column = text.utf8.contains(UInt8(ascii: "\n")) ? lastLineWidth(text) : column + 1 + text.utf8.count
        }
        return line + "\r\n"
    }

    /// The bare address of `"Name <address>"` or of a plain address.
    static func bareAddress(_ address: String) -> String {
        let address = cleaned(address)
        if let open = address.lastIndex(of: "<"), let close = address[open...].firstIndex(of: ">") {
            return String(address[address.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        }
        return address.trimmingCharacters(in: .whitespaces)
    }

    /// The domain of an address, if it has one that can stand in a Message-ID.
    static func domain(of address: String) -> String? {
        let bare = bareAddress(address)
        guard let at = bare.lastIndex(of: "@") else {
            return nil
        }
        let domain = bare[bare.index(after: at)...]
        let allowed = domain.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
        return allowed && !domain.isEmpty ? String(domain) : nil
    }

    /// `value` with CR, LF and NUL replaced by spaces.
    static func cleaned(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
            return value
        }
        return String(
            decoding: value.utf8.map { $0 == 0x0D || $0 == 0x0A || $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    // MARK: - Encoding

    /// Whether `value` must be sent as encoded-words: non-ASCII, control characters, or text a reader would take
    /// for an encoded-word.
    private static func needsEncoding(_ value: String) -> Bool {
        value.utf8.contains { $0 >= 0x7F || ($0 < 0x20 && $0 != UInt8(ascii: "\t")) } || value.contains("=?")
    }

    /// `"Name <address>"` with the name encoded when needed; a plain address as it is.
    private static func formatted(_ address: String, column: Int) -> String {
        guard let open = address.lastIndex(of: "<") else {
            return address.trimmingCharacters(in: .whitespaces)
        }
        let name = address[..<open].trimmingCharacters(in: .whitespaces)
        let angle = "<" + bareAddress(address) + ">"
        guard !name.isEmpty else {
            return angle
        }
        guard needsEncoding(name) else {
            return name + " " + angle
        }
        return encodedWords(name, firstLineUsed: column) + " " + angle
    }

    /// `text` as `=?utf-8?B?…?=` words of whole characters, folded so that lines stay within `lineLimit`.
    ///
    /// - Parameter firstLineUsed: columns already taken on the first line, e.g. by "Subject: ".
    static func encodedWords(_ text: String, firstLineUsed: Int) -> String {
        let overhead = "=?utf-8?B??=".utf8.count
        var words: [String] = []
        var chunk: [UInt8] = []
        // Base64 turns 3 bytes into 4 characters: the most bytes that fit in `columns`.
        func capacity(_ columns: Int) -> Int {
            max(3, (columns - overhead) / 4 * 3)
        }
        var limit = capacity(lineLimit - firstLineUsed)
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > limit && !chunk.isEmpty {
                words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk.removeAll(keepingCapacity: true)
                // Continuation lines start with the folding space.
                limit = capacity(lineLimit - 1)
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty || words.isEmpty {
            words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=")
        }
        // Whitespace between adjacent encoded-words is not part of the text (RFC 2047 §6.2).
        return words.joined(separator: "\r\n ")
    }

    /// A header line folded before whitespace where it would exceed `lineLimit`; a word longer than a line stays
    /// whole, as RFC 5322 allows.
    private static func folded(_ line: String) -> String {
        let bytes = Array(line.utf8)
        guard bytes.count > lineLimit else {
            return line
        }
        let space = UInt8(ascii: " ")
        // Folding at the space after "Name:" would leave the first line without a value.
        let firstSpace = bytes.firstIndex(of: space) ?? 0
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var lineStart = 0
        var lastSpace: Int?
        for index in bytes.indices {
            if (bytes[index] == space || bytes[index] == UInt8(ascii: "\t")) && index > firstSpace && index > lineStart
            {
                lastSpace = index
            }
            if index - lineStart >= lineLimit, let fold = lastSpace {
                output.append(contentsOf: bytes[lineStart..<fold])
                output.append(UInt8(ascii: "\r"))
                output.append(UInt8(ascii: "\n"))
                lineStart = fold
                lastSpace = nil
            }
        }
        output.append(contentsOf: bytes[lineStart...])
        return String(decoding: output, as: UTF8.self)
    }

    private static func firstLineWidth(_ text: String) -> Int {
        text.utf8.prefix { $0 != UInt8(ascii: "\r") }.count
    }

    private static func lastLineWidth(_ text: String) -> Int {
        text.utf8.reversed().prefix { $0 != UInt8(ascii: "\n") }.count
    }
}
