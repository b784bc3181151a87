internal import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The proxies libcurl may send a fetch through, read from the same environment variables libcurl reads.
///
/// libcurl picks `http_proxy` (lower case only) for http, `https_proxy` or `HTTPS_PROXY` for https, and
/// `all_proxy` or `ALL_PROXY` otherwise, skipping hosts in `no_proxy`. The SSRF guard needs two things from that:
/// whether a fetch may go through a proxy at all (then the open-socket callback sees the proxy's address, not the
/// target's, so the target has to be checked by name first), and the proxies' own addresses, which are allowed
/// wherever they are: the owner chose them, and a proxy on loopback is normal. It ignores `no_proxy`, so a host
/// it exempts is checked twice, by name and by the address connected to, which costs a lookup and loses nothing.
struct ProxyEnvironment {
    /// The variables libcurl reads a proxy from, in no particular order.
    static let variableNames = ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]

    /// The non-empty proxy settings, as written (`http://proxy:3128`, `127.0.0.1:8080`, `socks5h://[::1]`).
    let proxies: [String]

    /// Proxies from `variables`, as if they were the environment.
    init(variables: [String: String]) {
        proxies = Self.variableNames.compactMap { variables[$0] }.filter { !$0.isEmpty }
    }

    /// Proxies from this process's environment.
    static func current() -> ProxyEnvironment {
        var variables: [String: String] = [:]
        for name in variableNames {
            if let value = getenv(name) {
                variables[name] = String(cString: value)
            }
        }
        return ProxyEnvironment(variables: variables)
    }

    /// Whether any fetch may go through a proxy.
    var isEmpty: Bool {
        proxies.isEmpty
    }

    /// The printable addresses of every proxy, resolving names; a proxy that does not resolve adds none.
    func addresses() -> Set<String> {
        var addresses: Set<String> = []
        for proxy in proxies {
            // "proxy:3128" has no scheme; libcurl reads it as http, and so does the guess.
            guard let host = Self.host(of: proxy), case .resolved(let resolved) = AddressPolicy.resolve(host) else {
                continue
            }
            addresses.formUnion(resolved)
        }
        return addresses
    }

    private static func host(of proxy: String) -> String? {
        if let parsed = URLOrigin.parse(proxy) {
            return parsed.origin.host
        }
        return URLOrigin.parse("http://" + proxy)?.origin.host
    }
}
