import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension ConfigurationDecoder {
    /// The `[api]` table: nil when absent; `listen` defaults to loopback, so a listener other hosts can reach is
    /// only ever one written out.
    func decodeAPI(_ reader: TableReader?) throws(ConfigError) -> APISettings? {
        guard let reader else { return nil }
        try reader.rejectUnknownKeys(["listen", "base_url"])
        var settings = APISettings.defaults
        if let listen = try reader.nonEmptyString("listen") {
            guard let (host, port) = Self.listenAddress(listen) else {
                throw reader.error(
                    "listen",
                    "expected HOST:PORT with an IP address and a port from 1 to 65535, such as \"127.0.0.1:8070\" "
                        + "or \"[::1]:8070\", got \(describe(listen))")
            }
            settings.host = host
            settings.port = port
        }
        if let base = try reader.nonEmptyString("base_url") {
            guard let normalized = Self.baseURL(base) else {
                throw reader.error(
                    "base_url",
                    "expected an http or https URL without a query or fragment, such as "
                        + "\"https://feeds.example.org\", got \(describe(base))")
            }
            settings.baseURL = normalized
        }
        return settings
    }

    /// `HOST:PORT` with an IPv4 literal, a bracketed IPv6 literal or `localhost`; nil otherwise.
    static func listenAddress(_ text: String) -> (host: String, port: Int)? {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return nil
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            // An IPv6 address without brackets would leave its last group and the port ambiguous.
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard portText.allSatisfy(\.isASCII), let port = Int(portText), (1...65535).contains(port) else {
            return nil
        }
        if host == "localhost" {
            return ("127.0.0.1", port)
        }
        var buffer = [UInt8](repeating: 0, count: 16)
        let family = host.contains(":") ? AF_INET6 : AF_INET
        guard !host.isEmpty, inet_pton(family, String(host), &buffer) == 1 else { return nil }
        return (String(host), port)
    }

    /// An http(s) URL with a host and no query, fragment or user information, without its trailing slashes.
    static func baseURL(_ text: String) -> String? {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil, components.user == nil, components.password == nil
        else { return nil }
        var normalized = text
        while normalized.hasSuffix("/") {
            normalized.removeLast()
        }
        return normalized
    }
}
