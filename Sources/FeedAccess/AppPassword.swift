internal import CSodium

/// App passwords for the API: made at random, stored only as a slow salted hash, checked in constant time.
///
/// The hash is libsodium's `crypto_pwhash_str` (Argon2id with its salt and parameters in the string). The
/// parameters are lighter than libsodium's "interactive" ones (16 MiB instead of 64 MiB): a login must not double
/// the daemon's memory, and a random password of 120 bits needs no more than this to stay out of reach.
public enum AppPassword {
    /// How many characters a new password has; each carries 5 bits.
    public static let length = 24
    /// Letters and digits that cannot be mistaken for one another when typed from a screen (no 0/O, 1/l/I).
    static let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789".utf8)
    static let operations: UInt64 = 3
    static let memory = 16 * 1024 * 1024

    /// A new random password of `length` characters.
    public static func generate() -> String {
        Sodium.ready()
        var characters: [UInt8] = []
        for _ in 0..<length {
            characters.append(alphabet[Int(randombytes_uniform(UInt32(alphabet.count)))])
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// The string to store for `password`: algorithm, parameters, salt and hash.
    ///
    /// Throws only when the system cannot give the hash its memory.
    public static func hash(_ password: String) throws(AppPasswordError) -> String {
        Sodium.ready()
        var output = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        // NUL-terminated, so an empty password still has an address; the terminator is not hashed.
        let characters = Array(password.utf8CString)
        let status = crypto_pwhash_str(&output, characters, UInt64(characters.count - 1), operations, memory)
        guard status == 0 else { throw AppPasswordError.outOfMemory }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when `password` is the one `hash` was made from. Takes as long as making the hash did, whatever the
    /// password, and libsodium compares the results in constant time.
    public static func verify(_ password: String, against hash: String) -> Bool {
        Sodium.ready()
        var stored = Array(hash.utf8CString)
        guard stored.count <= Int(crypto_pwhash_STRBYTES) else { return false }
        stored += [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES) - stored.count)
        let characters = Array(password.utf8CString)
        return crypto_pwhash_str_verify(&stored, characters, UInt64(characters.count - 1)) == 0
    }

    /// The Fever API's key for an account: the hexadecimal MD5 of `NAME:PASSWORD`, which Fever apps compute
    /// themselves. The store keeps only `SecretDigest.sha256` of it.
    public static func feverKey(name: String, password: String) -> String {
        MD5.hex(Array("\(name):\(password)".utf8))
    }
}
