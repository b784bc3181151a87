import Testing

@testable import FeedNotify

@Suite struct HMACSHA256Tests {
    /// RFC 4231 section 4: test cases 1 (a short key), 2 (a key shorter than the MAC) and 6 (a key longer than
    /// SHA-256's block, hashed first).
    @Test(arguments: [
        (
            [UInt8](repeating: 0x0B, count: 20), "Hi There",
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        ),
        (
            Array("Jefe".utf8), "what do ya want for nothing?",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        ),
        (
            [UInt8](repeating: 0xAA, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        ),
    ])
    func rfc4231(key: [UInt8], message: String, expected: String) {
        #expect(HMACSHA256.hex(key: key, message: Array(message.utf8)) == expected)
    }

    @Test func emptyMessage() {
        // Any key length and an empty message are valid input; the result is still 64 lowercase hex digits.
        let mac = HMACSHA256.hex(key: [1], message: [])
        #expect(mac.count == 64)
        #expect(mac.allSatisfy { "0123456789abcdef".contains($0) })
    }
}
