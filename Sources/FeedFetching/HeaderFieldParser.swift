import Foundation

/// Parses the few response header values whose structure a fetch exposes: Content-Type, Cache-Control, Expires
/// and Retry-After.
///
/// Header values are short and parsed once per fetch, so plain `String` work is fine here.
enum HeaderFieldParser {
    /// Splits `text/xml; charset="ISO-8859-1"` into its lower-cased media type and charset.
    static func contentType(_ value: String) -> (mediaType: String?, charset: String?) {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false)
        guard let first = parts.first else {
            return (nil, nil)
        }
        let mediaType = trimmed(first).lowercased()
        var charset: String?
        for parameter in parts.dropFirst() {
            guard let equals = parameter.firstIndex(of: "=") else {
                continue
            }
            let name = trimmed(parameter[..<equals]).lowercased()
            guard name == "charset" else {
                continue
            }
            let raw = unquoted(trimmed(parameter[parameter.index(after: equals)...]))
            if !raw.isEmpty {
                charset = raw.lowercased()
            }
            break
        }
        return (mediaType.isEmpty ? nil : mediaType, charset)
    }

    /// The `max-age` directive of a Cache-Control value, in seconds; nil when absent or malformed.
    static func maxAge(_ value: String) -> Int? {
        for directive in value.split(separator: ",") {
            guard let equals = directive.firstIndex(of: "=") else {
                continue
            }
            guard trimmed(directive[..<equals]).lowercased() == "max-age" else {
                continue
            }
            let argument = unquoted(trimmed(directive[directive.index(after: equals)...]))
            guard !argument.isEmpty, argument.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else {
                return nil
            }
            // RFC 9111 says an overflowing delta-seconds means "a very long time"; clamp instead of failing.
            return Int(argument) ?? Int(Int32.max)
        }
        return nil
    }

    /// The moment a `Retry-After` value asks the client to wait until: delta-seconds counted from `receivedAt`,
    /// or an HTTP-date; nil when it is neither (RFC 9110 section 10.2.3).
    static func retryAfter(_ value: String, receivedAt: Date) -> Date? {
        let value = trimmed(Substring(value))
        guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return HTTPDate.parse(value, now: receivedAt)
        }
        // An overflowing delta means "a very long time", as for max-age; the scheduler caps what it honours.
        return receivedAt.addingTimeInterval(Double(Int(value) ?? Int(Int32.max)))
    }

    static func trimmed(_ text: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = text.firstIndex(where: { !isSpace($0) }),
            let end = text.lastIndex(where: { !isSpace($0) })
        else {
            return ""
        }
        return String(text[start...end])
    }

    private static func unquoted(_ text: String) -> String {
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
