import Foundation

/// Shaping text for the places a notification puts it: HTTP header values and a capped body (one-line text is
/// FeedProcess's `OneLineText`).
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
}
