import Testing

@testable import FeedAccess

@Suite struct DigestTests {
    /// RFC 1321's test suite (appendix A.5).
    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        (String(repeating: "1234567890", count: 8), "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func md5MatchesTheRFC(message: String, expected: String) {
        #expect(MD5.hex(Array(message.utf8)) == expected)
    }

    /// Lengths around the padding's edges (55, 56, 63, 64, 65 bytes) and more than one block.
    @Test(arguments: [55, 56, 63, 64, 65, 1000])
    func md5PadsEveryLength(length: Int) {
        let digest = MD5.digest(Array(repeating: UInt8(ascii: "x"), count: length))
        #expect(digest.count == 16)
        #expect(digest != MD5.digest(Array(repeating: UInt8(ascii: "x"), count: length + 1)))
    }

    @Test func sha256IsHex() {
        #expect(
            SecretDigest.sha256("The quick brown fox jumps over the lazy dog")
                == "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592")
    }

    @Test func randomHexHasTheLengthAskedAndVaries() {
        let first = SecretDigest.randomHex(byteCount: 32)
        #expect(first.count == 64)
        #expect(first.allSatisfy { $0.isHexDigit })
        #expect(first != SecretDigest.randomHex(byteCount: 32))
    }
}
