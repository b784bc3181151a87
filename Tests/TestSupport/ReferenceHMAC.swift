/// HMAC-SHA256 (RFC 2104) over `SHA256`, written apart from feedd's own (libsodium), so a test that checks a
/// signature does not check feedd against itself.
public enum ReferenceHMAC {
    public static func hex(key: [UInt8], message: [UInt8]) -> String {
        var block = key.count > 64 ? SHA256.digest(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        let inner = SHA256.digest(block.map { $0 ^ 0x36 } + message)
        return SHA256.hex(block.map { $0 ^ 0x5c } + inner)
    }
}
