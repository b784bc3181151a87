#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SSRF guard's rule: which IP addresses a fetch may connect to unless private addresses are allowed.
///
/// Everything that is not public unicast is refused: unspecified, loopback, RFC 1918, CGNAT 100.64/10,
/// link-local, IETF-reserved and benchmarking ranges, multicast and broadcast, IPv6 unique-local and site-local,
/// and IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64 64:ff9b::/96, 6to4) when the embedded
/// address is refused.
enum AddressPolicy {
    /// Refused IPv4 ranges as (network, prefix length), host byte order.
    private static let refusedIPv4: [(network: UInt32, prefix: UInt32)] = [
        (0x0000_0000, 8),  // 0.0.0.0/8 "this network"; connecting to 0.0.0.0 reaches localhost on Linux
        (0x0A00_0000, 8),  // 10.0.0.0/8
        (0x6440_0000, 10),  // 100.64.0.0/10 carrier-grade NAT
        (0x7F00_0000, 8),  // 127.0.0.0/8
        (0xA9FE_0000, 16),  // 169.254.0.0/16 link-local, cloud metadata endpoints
        (0xAC10_0000, 12),  // 172.16.0.0/12
        (0xC000_0000, 24),  // 192.0.0.0/24 IETF protocol assignments
        (0xC0A8_0000, 16),  // 192.168.0.0/16
        (0xC612_0000, 15),  // 198.18.0.0/15 benchmarking, used inside some private networks
        (0xE000_0000, 4),  // 224.0.0.0/4 multicast
        (0xF000_0000, 4),  // 240.0.0.0/4 reserved, and 255.255.255.255
    ]

    /// Whether an IPv4 address (host byte order) may be connected to.
    static func isPublic(ipv4 address: UInt32) -> Bool {
        for range in refusedIPv4 {
            let mask: UInt32 = range.prefix == 0 ? 0 : ~UInt32(0) << (32 - range.prefix)
            if address & mask == range.network {
                return false
            }
        }
        return true
    }

    /// Whether an IPv6 address (16 bytes, network order) may be connected to.
    static func isPublic(ipv6 bytes: [UInt8]) -> Bool {
        precondition(bytes.count == 16, "an IPv6 address has 16 bytes")
        func embeddedIPv4(at offset: Int) -> UInt32 {
            UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
                | UInt32(bytes[offset + 3])
        }
        let firstTenZero = bytes[0..<10].allSatisfy { $0 == 0 }
        // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, which also covers :: and ::1).
        if firstTenZero && (bytes[10] == 0xFF && bytes[11] == 0xFF || bytes[10] == 0 && bytes[11] == 0) {
            return isPublic(ipv4: embeddedIPv4(at: 12))
        }
        // 64:ff9b::/96, NAT64 translation of an IPv4 address.
        if bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xFF && bytes[3] == 0x9B
            && bytes[4..<12].allSatisfy({ $0 == 0 })
        {
            return isPublic(ipv4: embeddedIPv4(at: 12))
        }
        // 2002::/16, 6to4: the next 32 bits are the relay's IPv4 address.
        if bytes[0] == 0x20 && bytes[1] == 0x02 {
            return isPublic(ipv4: embeddedIPv4(at: 2))
        }
        if bytes[0] == 0xFF {
            return false  // ff00::/8 multicast
        }
        if bytes[0] & 0xFE == 0xFC {
            return false  // fc00::/7 unique local
        }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 {
            return false  // fe80::/10 link-local
        }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0xC0 {
            return false  // fec0::/10 site-local (deprecated, still routed inside some networks)
        }
        return true
    }

    /// The printable address when `address` must be refused, nil when it may be connected to.
    ///
    /// Families other than IPv4 and IPv6 (a Unix socket) are refused too: a fetch never needs one.
    static func refusedAddress(_ address: UnsafeRawPointer, family: Int32) -> String? {
        switch family {
        case AF_INET:
            let ipv4 = address.loadUnaligned(as: sockaddr_in.self)
            let hostOrder = UInt32(bigEndian: ipv4.sin_addr.s_addr)
            return isPublic(ipv4: hostOrder) ? nil : format(family: AF_INET, ipv4.sin_addr)
        case AF_INET6:
            let ipv6 = address.loadUnaligned(as: sockaddr_in6.self)
            let bytes = withUnsafeBytes(of: ipv6.sin6_addr) { Array($0) }
            return isPublic(ipv6: bytes) ? nil : format(family: AF_INET6, ipv6.sin6_addr)
        default:
            return "address family \(family)"
        }
    }

    /// The printable form of an IPv4 or IPv6 socket address, nil for other families.
    static func printableAddress(_ address: UnsafeRawPointer, family: Int32) -> String? {
        switch family {
        case AF_INET:
            return format(family: AF_INET, address.loadUnaligned(as: sockaddr_in.self).sin_addr)
        case AF_INET6:
            return format(family: AF_INET6, address.loadUnaligned(as: sockaddr_in6.self).sin6_addr)
        default:
            return nil
        }
    }

    private static func format<Address>(family: Int32, _ address: Address) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let written = withUnsafePointer(to: address) { pointer in
            inet_ntop(family, pointer, &text, socklen_t(text.count))
        }
        guard written != nil else {
            return "unprintable address"
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
