/// The canonical form of an article's http(s) URL, for telling whether two links name the same article (and,
/// through `FeedIdentity`, whether two feed URLs name the same feed).
///
/// The result identifies; it is not for display or fetching (tracking parameters are gone and the encoding is
/// normalised). Canonicalisation: scheme and ASCII host letters lower-cased (IDN hosts otherwise kept as given);
/// default ports (`:80` for http, `:443` for https) removed; fragment removed; `.` and `..` path segments
/// resolved; an empty path becomes `/`; percent-escapes get upper-case hex, escapes of unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) are decoded, and bytes that may not appear raw (spaces, non-ASCII, `"<>\^`{|}`, a
/// stray `%`) are escaped; tracking query parameters (see `TrackingParameters`) and empty `&&` parts are
/// removed, the others keep their order; `?` is dropped when no parameter remains. Tabs and newlines inside the
/// input are ignored and leading/trailing whitespace is trimmed, as browsers do.
///
/// Parsing is byte-level and does not use Foundation's `URL`, whose parsing differs between platforms. Safe to
/// call from any thread.
public enum CanonicalURL {
    /// The canonical form of `url`, or nil when it is not an absolute http(s) URL with a valid host and port.
    ///
    /// The scheme must be followed by `//` (`\` counts as `/`, as in browsers).
    public static func canonicalize(_ url: String) -> String? {
        canonicalize(url, keepingReferrers: false)
    }

    /// `canonicalize(_:)`, keeping the referrer markers (`ref`, `ref_src`, `ref_url`) when `keepingReferrers`: in an
    /// article's link they say where a click came from, but in a feed's address `ref` may select the feed (a
    /// branch's commit feed, `?ref=main`), so a feed's identity keeps them.
    static func canonicalize(_ url: String, keepingReferrers: Bool) -> String? {
        var input: [UInt8] = []
        input.reserveCapacity(url.utf8.count)
        for byte in url.utf8 where byte != 0x09 && byte != 0x0A && byte != 0x0D { input.append(byte) }
        var start = 0
        var end = input.count
        while start < end && input[start] <= 0x20 { start += 1 }
        while end > start && input[end - 1] <= 0x20 { end -= 1 }
        guard let output = canonicalBytes(input[start..<end], keepingReferrers: keepingReferrers) else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// The canonical form of an entry's link, preferring the publisher's original link when the feed has one.
    ///
    /// FeedBurner-style wrappers (`https://feedproxy.google.com/~r/Site/~3/abc/story.html`) cannot be unwrapped
    /// from the URL alone; such feeds carry the real address in `feedburner:origLink`, which the caller passes as
    /// `origLink`. Falls back to `link` when `origLink` is nil or not a valid http(s) URL; nil when neither is.
    /// An AMP page's URL becomes its article's (`withoutAMP`).
    public static func canonicalize(link: String?, origLink: String?) -> String? {
        if let origLink, let canonical = canonicalize(origLink) { return withoutAMP(canonical) }
        guard let link else { return nil }
        return canonicalize(link).map(withoutAMP)
    }

    private static func canonicalBytes(_ input: ArraySlice<UInt8>, keepingReferrers: Bool = false) -> [UInt8]? {
        var index = input.startIndex
        let end = input.endIndex

        // Scheme: only http and https are articles on the web.
        let schemeStart = index
        while index < end && input[index] != UInt8(ascii: ":") {
            guard isSchemeByte(input[index]) else { return nil }
            index += 1
        }
        guard index < end else { return nil }
        let isHTTPS: Bool
        switch lowercased(input[schemeStart..<index]) {
        case Array("http".utf8): isHTTPS = false
        case Array("https".utf8): isHTTPS = true
        default: return nil
        }
        index += 1
        for _ in 0..<2 {
            guard index < end, isSlash(input[index]) else { return nil }
            index += 1
        }
        while index < end && isSlash(input[index]) { index += 1 }

        // Authority runs to the first path, query or fragment delimiter.
        let authorityStart = index
        while index < end && !isSlash(input[index]) && input[index] != UInt8(ascii: "?")
            && input[index] != UInt8(ascii: "#")
        {
            index += 1
        }
        var output: [UInt8] = Array(isHTTPS ? "https://".utf8 : "http://".utf8)
        output.reserveCapacity(input.count + 8)
        guard appendAuthority(input[authorityStart..<index], isHTTPS: isHTTPS, to: &output) else { return nil }

        let pathStart = index
        while index < end && input[index] != UInt8(ascii: "?") && input[index] != UInt8(ascii: "#") { index += 1 }
        appendPath(input[pathStart..<index], to: &output)

        if index < end && input[index] == UInt8(ascii: "?") {
            index += 1
            let queryStart = index
            while index < end && input[index] != UInt8(ascii: "#") { index += 1 }
            appendQuery(input[queryStart..<index], to: &output, keepingReferrers: keepingReferrers)
        }
        // Whatever follows `#` is the fragment, which never changes the document.
        return output
    }

    /// Appends `userinfo@host:port`, normalised; false when the host or port is invalid.
    private static func appendAuthority(_ authority: ArraySlice<UInt8>, isHTTPS: Bool, to output: inout [UInt8])
        -> Bool
    {
        var hostStart = authority.startIndex
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) {
            appendNormalised(authority[authority.startIndex..<at], to: &output, extraRaw: [])
            output.append(UInt8(ascii: "@"))
            hostStart = at + 1
        }
        let hostAndPort = authority[hostStart...]
        var portStart: Int?
        var hostEnd = hostAndPort.endIndex
        if hostAndPort.first == UInt8(ascii: "[") {
            guard let close = hostAndPort.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = hostAndPort[(hostAndPort.startIndex + 1)..<close]
            guard !literal.isEmpty, literal.allSatisfy(isIPv6LiteralByte) else { return false }
            output.append(UInt8(ascii: "["))
            output.append(contentsOf: lowercased(literal))
            output.append(UInt8(ascii: "]"))
            hostEnd = close + 1
            if hostEnd < hostAndPort.endIndex {
                guard hostAndPort[hostEnd] == UInt8(ascii: ":") else { return false }
                portStart = hostEnd + 1
            }
        } else {
            if let colon = hostAndPort.firstIndex(of: UInt8(ascii: ":")) {
                hostEnd = colon
                portStart = colon + 1
            }
            guard let host = normalisedHost(hostAndPort[hostAndPort.startIndex..<hostEnd]) else { return false }
            output.append(contentsOf: host)
        }
        guard let portStart else { return true }
        let digits = hostAndPort[portStart...]
        var port = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return false }
            port = port * 10 + Int(byte - UInt8(ascii: "0"))
            guard port <= 65535 else { return false }
        }
        // An empty port (`host:`) means the default, as it does in browsers.
        if !digits.isEmpty && port != (isHTTPS ? 443 : 80) {
            output.append(UInt8(ascii: ":"))
            output.append(contentsOf: String(port).utf8)
        }
        return true
    }

    /// The host with escapes decoded and ASCII letters lower-cased; nil when empty or holding a forbidden byte.
    private static func normalisedHost(_ host: ArraySlice<UInt8>) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(host.count)
        var index = host.startIndex
        while index < host.endIndex {
            var byte = host[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < host.endIndex, let high = hexValue(host[index + 1]),
                    let low = hexValue(host[index + 2])
                else { return nil }
                byte = high << 4 | low
                index += 2
            }
            guard isHostByte(byte) else { return nil }
            result.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            index += 1
        }
        guard !result.isEmpty, String(validating: result, as: UTF8.self) != nil else { return nil }
        return result
    }

    /// Appends the path with escapes normalised, `\` read as `/` and dot segments resolved; `/` when empty.
    private static func appendPath(_ path: ArraySlice<UInt8>, to output: inout [UInt8]) {
        var normalised: [UInt8] = []
        normalised.reserveCapacity(path.count)
        var slashed = Array(path)
        for position in slashed.indices where slashed[position] == UInt8(ascii: "\\") {
            slashed[position] = UInt8(ascii: "/")
        }
        appendNormalised(slashed[...], to: &normalised, extraRaw: [])
        var segments: [ArraySlice<UInt8>] = []
        var endsWithSlash = normalised.isEmpty
        for segment in normalised.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst() {
            endsWithSlash = false
            if segment.elementsEqual([UInt8(ascii: ".")]) {
                endsWithSlash = true
            } else if segment.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                if !segments.isEmpty { segments.removeLast() }
                endsWithSlash = true
            } else {
                segments.append(segment)
            }
        }
        for segment in segments {
            output.append(UInt8(ascii: "/"))
            output.append(contentsOf: segment)
        }
        if endsWithSlash || segments.isEmpty { output.append(UInt8(ascii: "/")) }
    }

    /// Appends `?` and the non-tracking parameters in their order, or nothing when none remain.
    private static func appendQuery(_ query: ArraySlice<UInt8>, to output: inout [UInt8], keepingReferrers: Bool) {
        var kept = 0
        for parameter in query.split(separator: UInt8(ascii: "&")) {
            var normalised: [UInt8] = []
            normalised.reserveCapacity(parameter.count)
            appendNormalised(parameter, to: &normalised, extraRaw: [UInt8(ascii: "?")])
            let nameEnd = normalised.firstIndex(of: UInt8(ascii: "=")) ?? normalised.endIndex
            let name = normalised[..<nameEnd]
            if TrackingParameters.contains(name) && !(keepingReferrers && TrackingParameters.isReferrer(name)) {
                continue
            }
            output.append(kept == 0 ? UInt8(ascii: "?") : UInt8(ascii: "&"))
            output.append(contentsOf: normalised)
            kept += 1
        }
    }

    /// Appends `bytes` with escapes of unreserved characters decoded, other escapes upper-cased and bytes that
    /// may not appear raw escaped, so that every spelling of the same URL comes out the same.
    private static func appendNormalised(_ bytes: ArraySlice<UInt8>, to output: inout [UInt8], extraRaw: [UInt8]) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex, let high = hexValue(bytes[index + 1]),
                let low = hexValue(bytes[index + 2])
            {
                let decoded = high << 4 | low
                if isUnreserved(decoded) {
                    output.append(decoded)
                } else {
                    appendEscape(decoded, to: &output)
                }
                index += 3
                continue
            }
            if byte != UInt8(ascii: "%") && (isUnreserved(byte) || isRawReserved(byte) || extraRaw.contains(byte)) {
                output.append(byte)
            } else {
                appendEscape(byte, to: &output)
            }
            index += 1
        }
    }

    private static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        let digits: StaticString = "0123456789ABCDEF"
        output.append(UInt8(ascii: "%"))
        output.append(digits.utf8Start[Int(byte >> 4)])
        output.append(digits.utf8Start[Int(byte & 0xF)])
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        let lowered = byte | 0x20
        return (lowered >= UInt8(ascii: "a") && lowered <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "~")
    }

    /// RFC 3986 reserved characters that may stand raw in a path or query (`?` only in a query, `#` never).
    private static func isRawReserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "$"),
            UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"),
            UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "["),
            UInt8(ascii: "]"):
            return true
        default:
            return false
        }
    }

    /// Bytes a registered name may hold: unreserved, sub-delimiters and UTF-8 of internationalised names.
    private static func isHostByte(_ byte: UInt8) -> Bool {
        if byte >= 0x80 || isUnreserved(byte) { return true }
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    private static func isIPv6LiteralByte(_ byte: UInt8) -> Bool {
        hexValue(byte) != nil || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    private static func isSlash(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\")
    }

    private static func lowercased(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }
}
