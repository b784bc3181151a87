#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension AddressPolicy {
    /// What a name lookup gave: the printable addresses, or the resolver's reason for giving none.
    enum Resolution: Equatable {
        case resolved([String])
        case failed(String)
    }

    /// Resolves `host` (a name, or an IPv4 or IPv6 literal without brackets) to its printable addresses.
    ///
    /// Blocking: it asks the system resolver, as libcurl would.
    static func resolve(_ host: String) -> Resolution {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, list != nil else {
            return .failed(String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var entry = list
        while let current = entry {
            if let address = current.pointee.ai_addr,
                let printable = printableAddress(UnsafeRawPointer(address), family: current.pointee.ai_family),
                !addresses.contains(printable)
            {
                addresses.append(printable)
            }
            entry = current.pointee.ai_next
        }
        return .resolved(addresses)
    }

    /// The first address of `addresses` that is not public, nil when all are.
    ///
    /// Any one is enough to refuse a host: whoever connects next (a proxy, or libcurl resolving again) may pick it.
    static func firstRefused(_ addresses: [String]) -> String? {
        addresses.first { !isPublic(printable: $0) }
    }

    /// Whether a printable IPv4 or IPv6 address is public; anything unparsable is not.
    static func isPublic(printable address: String) -> Bool {
        var ipv4 = in_addr()
        if inet_pton(AF_INET, address, &ipv4) == 1 {
            return isPublic(ipv4: UInt32(bigEndian: ipv4.s_addr))
        }
        var ipv6 = in6_addr()
        if inet_pton(AF_INET6, address, &ipv6) == 1 {
            return isPublic(ipv6: withUnsafeBytes(of: ipv6) { Array($0) })
        }
        return false
    }
}
