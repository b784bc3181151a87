internal import CSodium
import FeedAccess

/// HMAC-SHA256 (RFC 2104 over SHA-256) by libsodium, for signing webhook bodies.
enum HMACSHA256 {
    /// libsodium's one-time initialisation; its HMAC does not need it, but calling it first is the library's rule
    /// and it is idempotent and thread-safe.
    private static let initialized: Bool = sodium_init() >= 0

    /// The 32-byte MAC of `message` under `key` (of any length: a long key is hashed first, as RFC 2104 says),
    /// as 64 lowercase hexadecimal digits.
    static func hex(key: [UInt8], message: [UInt8]) -> String {
        _ = initialized
        var state = crypto_auth_hmacsha256_state()
        var mac = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_BYTES))
        _ = crypto_auth_hmacsha256_init(&state, key, key.count)
        _ = crypto_auth_hmacsha256_update(&state, message, UInt64(message.count))
        _ = crypto_auth_hmacsha256_final(&state, &mac)
        // The state held the key's pads; do not leave them on the stack.
        sodium_memzero(&state, MemoryLayout<crypto_auth_hmacsha256_state>.size)
        return SecretDigest.hex(mac)
    }
}
