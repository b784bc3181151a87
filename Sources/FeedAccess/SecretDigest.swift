internal import CSodium

/// Hashes and random values for secrets that are long and random already (API tokens, Fever keys): SHA-256 is
/// enough to keep them out of the store, and fast enough to check on every request.
public enum SecretDigest {
    /// The lowercase hexadecimal SHA-256 of `text`'s UTF-8 bytes.
    public static func sha256(_ text: String) -> String {
        Sodium.ready()
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        let bytes = Array(text.utf8)
        _ = crypto_hash_sha256(&digest, bytes, UInt64(bytes.count))
        return hex(digest)
    }

    /// `byteCount` random bytes from the kernel, in lowercase hexadecimal.
    public static func randomHex(byteCount: Int) -> String {
        Sodium.ready()
        var bytes = [UInt8](repeating: 0, count: byteCount)
        randombytes_buf(&bytes, byteCount)
        return hex(bytes)
    }

    /// `bytes` in lowercase hexadecimal.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
