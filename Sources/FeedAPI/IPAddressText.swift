#if canImport(Glibc)
    import Glibc
#endif

/// Whether text is an IPv4 or IPv6 address, as `inet_pton` reads them.
enum IPAddressText {
    static func isValid(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        let family = text.contains(":") ? AF_INET6 : AF_INET
        return !text.isEmpty && text.count <= 45 && inet_pton(family, text, &buffer) == 1
    }
}
