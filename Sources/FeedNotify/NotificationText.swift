import Foundation

/// Shaping text for the places a notification puts it: HTTP header values, a capped body, one line of an error.
enum NotificationText {
    /// The longest prefix of `text` that fits in `maxBytes` of UTF-8, cut between characters' encodings (never
    /// inside one), so the result is valid UTF-8.
    static func utf8Prefix(_ text: String, maxBytes: Int) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count > maxBytes else {
            return text
        }
        var end = max(0, maxBytes)
        // A continuation byte (10xxxxxx) belongs to the character that starts before it.
        while end > 0 && bytes[end] & 0xC0 == 0x80 {
            end -= 1
        }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// `text` on one line: each run of control characters (line breaks, tabs, NUL) becomes one space, and the
    /// ends are trimmed, so it can be a header value or part of a one-line error.
    static func singleLine(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                pendingSpace = true
                continue
            }
            if pendingSpace && !result.isEmpty {
                result.unicodeScalars.append(" ")
            }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// A header value as ASCII: itself when it is, else one RFC 2047 encoded-word (`=?UTF-8?B?…?=`), which ntfy
    /// decodes; raw UTF-8 in a header is outside HTTP's grammar and proxies may mangle it.
    static func headerValue(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else {
            return text
        }
        return "=?UTF-8?B?" + Data(text.utf8).base64EncodedString() + "?="
    }

    /// A URL with its non-ASCII bytes percent-encoded (an IRI made a URI), for a header that carries a URL and
    /// that ntfy does not decode as RFC 2047.
    static func percentEncodingNonASCII(_ url: String) -> String {
        guard url.utf8.contains(where: { $0 >= 0x80 }) else {
            return url
        }
        let digits = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in url.utf8 {
            if byte < 0x80 {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first non-blank line of a command's output, on one line and at most `maxCharacters` long; "" if none.
    static func firstLine(of output: [UInt8], maxCharacters: Int = 200) -> String {
        let text = String(decoding: output, as: UTF8.self)
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let shaped = singleLine(String(line))
            if !shaped.isEmpty {
                return String(shaped.prefix(maxCharacters))
            }
        }
        return ""
    }
}
