import FeedExtraction
import FeedFetching

/// The checks a feed's options pass, shared by the configuration file and `feedctl add`: each returns what is
/// wrong, in words that follow the key or option's name, or nil.
public enum FeedOptionsRules {
    /// Request headers feedd sets itself: an owner's value would break conditional requests, content decoding or
    /// the connection.
    static let reservedHeaders: Set<String> = [
        "host", "content-length", "transfer-encoding", "connection", "if-none-match", "if-modified-since",
        "accept-encoding", "te", "upgrade",
    ]

    /// Headers that are always secrets: their value must come from a file, so it is never stored.
    static let secretHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie"]

    /// The proxy schemes libcurl is given for a feed's own proxy.
    static let proxySchemes: Set<String> = ["http", "https", "socks5", "socks5h"]

    /// An added header: a token for a name, a value without line breaks, not one feedd sets itself.
    public static func headerProblem(name: String, value: String) -> String? {
        guard FetchRequest.isSafeHeader(name: name, value: value) else {
            return "expected a header name (letters, digits, -) and a value without line breaks"
        }
        guard !reservedHeaders.contains(name.lowercased()) else {
            return "feedd sets this header itself"
        }
        guard !secretHeaders.contains(name.lowercased()) || value.hasPrefix("file:") else {
            return "is a secret: write \"file:/path\" to read it from a file, so that it is never stored"
        }
        return nil
    }

    /// A proxy URL: one of libcurl's proxy schemes and a host.
    public static func proxyProblem(_ proxy: String) -> String? {
        let authority = (proxy.range(of: "://").map { proxy[$0.upperBound...] } ?? proxy[...]).prefix { $0 != "/" }
        guard !authority.contains("@") else {
            // Not echoed: it holds a password.
            return "must not hold a user or password: they would be stored with the feed"
        }
        let scheme = proxy.range(of: "://").map { proxy[..<$0.lowerBound].lowercased() }
        let afterScheme = proxy.range(of: "://").map { proxy[$0.upperBound...] } ?? ""
        let host = afterScheme.prefix { $0 != "/" && $0 != ":" && $0 != "@" }
        guard let scheme, proxySchemes.contains(scheme), !host.isEmpty else {
            return "expected http://, https://, socks5:// or socks5h:// and a host, got \"\(proxy)\""
        }
        return nil
    }

    /// A user agent: one header value.
    public static func userAgentProblem(_ userAgent: String) -> String? {
        FetchRequest.isSafeHeader(name: "User-Agent", value: userAgent) ? nil : "must not contain line breaks or NUL"
    }

    /// A `full_text` value: "off", "auto", or a selector that compiles ("css:…" or "xpath:…").
    public static func fullTextProblem(_ text: String) -> String? {
        do {
            _ = try FullTextRule(text)
            return nil
        } catch {
            guard let reason = error.reason else {
                return "expected \"off\", \"auto\", \"css:SELECTOR\" or \"xpath:EXPRESSION\", got \"\(text)\""
            }
            return reason
        }
    }

    /// A selector of a page's items: XPath, or CSS after `css:`, compiled.
    public static func selectorProblem(_ text: String) -> String? {
        do {
            _ = try NodeSelector(text)
            return nil
        } catch {
            return error.description
        }
    }
}
