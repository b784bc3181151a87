import Testing

@testable import FeedFetching

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct AddressPolicyTests {
    @Test(arguments: [
        ("8.8.8.8", true), ("93.184.216.34", true), ("172.32.0.1", true), ("100.128.0.1", true),
        ("169.253.255.255", true), ("11.0.0.1", true), ("223.255.255.254", true),
        ("0.0.0.0", false), ("127.0.0.1", false), ("127.255.255.254", false), ("10.1.2.3", false),
        ("172.16.0.1", false), ("172.31.255.255", false), ("192.168.1.1", false), ("100.64.0.1", false),
        ("100.127.255.255", false), ("169.254.169.254", false), ("224.0.0.1", false), ("239.255.255.250", false),
        ("255.255.255.255", false), ("192.0.0.8", false), ("198.18.0.1", false),
    ])
    func ipv4(address: String, isPublic: Bool) throws {
        var parsed = in_addr()
        try #require(inet_pton(AF_INET, address, &parsed) == 1)
        #expect(AddressPolicy.isPublic(ipv4: UInt32(bigEndian: parsed.s_addr)) == isPublic)
    }

    @Test(arguments: [
        ("2001:4860:4860::8888", true), ("2606:4700::1111", true), ("::ffff:8.8.8.8", true), ("2002:808:808::1", true),
        ("::", false), ("::1", false), ("fe80::1", false), ("febf::1", false), ("fec0::1", false), ("fc00::1", false),
        ("fd12:3456::1", false), ("ff02::1", false), ("::ffff:127.0.0.1", false), ("::ffff:10.0.0.1", false),
        ("::ffff:169.254.169.254", false), ("::127.0.0.1", false), ("64:ff9b::a9fe:a9fe", false),
        ("2002:c0a8:101::1", false),
    ])
    func ipv6(address: String, isPublic: Bool) throws {
        var parsed = in6_addr()
        try #require(inet_pton(AF_INET6, address, &parsed) == 1)
        let bytes = withUnsafeBytes(of: parsed) { Array($0) }
        #expect(AddressPolicy.isPublic(ipv6: bytes) == isPublic)
    }

    @Test func refusedAddressIsPrintable() {
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        _ = inet_pton(AF_INET6, "::ffff:127.0.0.1", &address.sin6_addr)
        let printed = withUnsafeBytes(of: address) { AddressPolicy.refusedAddress($0.baseAddress!, family: AF_INET6) }
        #expect(printed == "::ffff:127.0.0.1")
    }
}
