/// Decides whether a URL taken from an HTML attribute may be emitted, and in what form.
///
/// The value arrives entity-decoded from the parser. Browsers ignore leading and trailing C0 controls and
/// spaces and delete tabs and newlines anywhere, so `java\tscript:` is `javascript:` to them; the filter
/// removes the same bytes before it looks at the scheme. Only http and https survive (and mailto where the
/// caller allows it); scheme-less references are resolved against the base URL and must then be http(s),
/// and are dropped when there is no base, since they would otherwise point into the reader's own origin.
public enum HTMLURLFilter {
    /// The URL to emit for `value`, or nil when the attribute must be dropped.
    public static func filter(_ value: String, baseURL: String?, allowMailto: Bool) -> String? {
        var copy = value
        return copy.withUTF8 { filter($0, baseURL: baseURL, allowMailto: allowMailto) }
    }

    /// The URL to emit for the bytes `value`, or nil when the attribute must be dropped.
    static func filter(_ value: UnsafeBufferPointer<UInt8>, baseURL: String?, allowMailto: Bool) -> String? {
        var output: [UInt8] = []
        guard appendFiltered(value, baseURL: baseURL, allowMailto: allowMailto, to: &output, escaped: false) else {
            return nil
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the URL to emit for `value` to `output` (attribute-escaped when `escaped`); false, with `output`
    /// untouched, when the attribute must be dropped.
    static func appendFiltered(
        _ value: UnsafeBufferPointer<UInt8>, baseURL: String?, allowMailto: Bool, to output: inout [UInt8],
        escaped: Bool
    ) -> Bool {
        var start = 0
        var end = value.count
        while start < end && value[start] <= 0x20 { start += 1 }
        while end > start && value[end - 1] <= 0x20 { end -= 1 }
        guard start < end else { return false }
        var trimmed = UnsafeBufferPointer(rebasing: value[start..<end])
        var cleaned: [UInt8] = []
        if trimmed.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            cleaned.reserveCapacity(trimmed.count)
            for byte in trimmed where byte >= 0x20 && byte != 0x7F { cleaned.append(byte) }
        }
        return cleaned.withUnsafeBufferPointer { cleanedBuffer in
            if !cleaned.isEmpty { trimmed = cleanedBuffer }
            func emit(_ bytes: UnsafeBufferPointer<UInt8>) {
                if escaped {
                    HTMLEscaping.appendEscapedAttribute(bytes, to: &output)
                } else {
                    output.append(contentsOf: bytes)
                }
            }
            switch scheme(of: trimmed) {
            case .http:
                emit(trimmed)
                return true
            case .mailto:
                if allowMailto { emit(trimmed) }
                return allowMailto
            case .other:
                return false
            case .none:
                guard let baseURL, !baseURL.isEmpty,
                    var resolved = URLResolver.resolve(String(decoding: trimmed, as: UTF8.self), against: baseURL)
                else { return false }
                return resolved.withUTF8 { resolvedBytes in
                    guard scheme(of: resolvedBytes) == .http else { return false }
                    emit(resolvedBytes)
                    return true
                }
            }
        }
    }

    private enum Scheme { case none, http, mailto, other }

    /// The scheme class of a cleaned reference: letters, then letters, digits, `+`, `-` or `.`, then `:`.
    private static func scheme(of bytes: UnsafeBufferPointer<UInt8>) -> Scheme {
        var index = 0
        var key: UInt64 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { break }
            let lowered = byte | 0x20
            let isLetter = lowered >= UInt8(ascii: "a") && lowered <= UInt8(ascii: "z")
            let isOther =
                (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard isLetter || (index > 0 && isOther) else { return .none }
            if index < 8 { key |= UInt64(isLetter ? lowered : byte) << UInt64(index * 8) }
            index += 1
        }
        guard index > 0, index < bytes.count else { return .none }
        switch (index, key) {
        case (4, schemeKey("http")), (5, schemeKey("https")): return .http
        case (6, schemeKey("mailto")): return .mailto
        default: return .other
        }
    }

    private static func schemeKey(_ name: StaticString) -> UInt64 {
        var key: UInt64 = 0
        for index in 0..<name.utf8CodeUnitCount { key |= UInt64(name.utf8Start[index]) << UInt64(index * 8) }
        return key
    }

    /// The `srcset` to emit for `value`, each candidate's URL filtered, or nil when no candidate survives.
    ///
    /// Parsed as the HTML standard does: a URL runs to the next whitespace (trailing commas end the
    /// candidate), then descriptors run to the next comma outside parentheses. Descriptors other than
    /// `<number>w`, `<number>x` and `<number>h` are dropped.
    static func filterSourceSet(_ value: UnsafeBufferPointer<UInt8>, baseURL: String?) -> String? {
        var output: [UInt8] = []
        var index = 0
        let count = value.count
        while index < count {
            while index < count && (value[index].isHTMLWhitespace || value[index] == UInt8(ascii: ",")) { index += 1 }
            guard index < count else { break }
            let urlStart = index
            while index < count && !value[index].isHTMLWhitespace { index += 1 }
            var urlEnd = index
            var endsCandidate = false
            while urlEnd > urlStart && value[urlEnd - 1] == UInt8(ascii: ",") {
                urlEnd -= 1
                endsCandidate = true
            }
            var descriptors: [[UInt8]] = []
            if !endsCandidate {
                var current: [UInt8] = []
                var depth = 0
                while index < count {
                    let byte = value[index]
                    if byte == UInt8(ascii: "(") { depth += 1 }
                    if byte == UInt8(ascii: ")") && depth > 0 { depth -= 1 }
                    if byte == UInt8(ascii: ",") && depth == 0 { break }
                    if byte.isHTMLWhitespace && depth == 0 {
                        if !current.isEmpty { descriptors.append(current) }
                        current.removeAll(keepingCapacity: true)
                    } else {
                        current.append(byte)
                    }
                    index += 1
                }
                if !current.isEmpty { descriptors.append(current) }
            }
            guard urlEnd > urlStart else { continue }
            let url = UnsafeBufferPointer(rebasing: value[urlStart..<urlEnd])
            guard let filtered = filter(url, baseURL: baseURL, allowMailto: false) else { continue }
            if !output.isEmpty { output.append(contentsOf: ", ".utf8) }
            // A literal space inside the URL would split the candidate when the list is read back.
            for byte in filtered.utf8 {
                if byte == UInt8(ascii: " ") {
                    output.append(contentsOf: "%20".utf8)
                } else {
                    output.append(byte)
                }
            }
            for descriptor in descriptors where isValidDescriptor(descriptor) {
                output.append(UInt8(ascii: " "))
                output.append(contentsOf: descriptor)
            }
        }
        return output.isEmpty ? nil : String(decoding: output, as: UTF8.self)
    }

    private static func isValidDescriptor(_ descriptor: [UInt8]) -> Bool {
        guard descriptor.count >= 2, let unit = descriptor.last,
            unit == UInt8(ascii: "w") || unit == UInt8(ascii: "x") || unit == UInt8(ascii: "h")
        else { return false }
        return descriptor.dropLast().allSatisfy {
            ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".")
        }
    }
}
