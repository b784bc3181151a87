import Testing

@testable import ArticleCleaning

@Suite struct ContentFingerprintTests {
    /// Each group holds spellings of one text; groups must differ from each other.
    static let groups: [[String]] = [
        [
            "The quick brown fox jumps over the lazy dog.",
            "the quick brown fox jumps over the lazy dog",
            "  The  Quick\nBrown\tfox — jumps over the lazy dog!!! ",
            "THE QUICK BROWN FOX, JUMPS OVER THE LAZY DOG…",
            "\"The quick brown fox\" jumps over the lazy-dog.",
            "The quick brown fox\u{A0}jumps over the la\u{AD}zy dog.",
        ],
        [
            "The quick brown fox jumps over the lazy cat.",
            "the quick brown fox jumps over the lazy cat",
        ],
        [
            "It’s a “test”: café 2024",
            "It's a \"test\" café 2024",
            "it s a test café 2024",
        ],
        [
            "It’s a “test”: cafe 2024"
        ],
        [
            "thequick brown fox jumps over the lazy dog"
        ],
    ]

    @Test func spellingsOfOneTextAgree() {
        for group in Self.groups {
            let hashes = Set(group.map { ContentFingerprint.hash(text: $0) })
            #expect(hashes.count == 1, "\(group)")
        }
    }

    @Test func differentTextsDiffer() {
        let hashes = Self.groups.map { ContentFingerprint.hash(text: $0[0]) }
        #expect(Set(hashes).count == Self.groups.count)
    }

    @Test func isLowerCaseHexOf128Bits() {
        let hash = ContentFingerprint.hash(text: "Hello, world")
        #expect(hash.utf8.count == 32)
        #expect(hash.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
    }

    /// Fingerprints are stored, so the algorithm must never change; these values pin it. They equal FeedHTML's
    /// `StableHash` of the normalised text ("", "hello world", "it s a test café 2024").
    @Test(arguments: [
        ("", "e5ca4f3722c3f274af64724c8602eb6e"),
        ("  ...  ", "e5ca4f3722c3f274af64724c8602eb6e"),
        ("Hello, World!", "a15e261b77988833782d3f88cd58fec8"),
        ("It’s a “test”: café 2024", "e54c967a31665c79484c20139d3560b5"),
    ])
    func isStable(_ text: String, _ expected: String) {
        #expect(ContentFingerprint.hash(text: text) == expected)
    }

    /// Pinned when the fingerprint still read `unicodeScalars`, before it read UTF-8 bytes: every length of
    /// sequence, letters and punctuation outside ASCII, format characters, separators, the lead's word limit.
    @Test(arguments: [
        ("Ünïcödé Straße — «guillemets» and ½ fractions", "83e02e9b0c676a35448df0c9410d4438", nil),
        ("日本語のテキスト、句読点。そして English words", "dd651224bb9dafbb597ccf27bb59527b", nil),
        ("emoji 👩‍👩‍👧 family 🇫🇷 flag, math 𝐀𝐁 letters", "d9a7064915c7b4d1acf17e6d60f0ccfc", nil),
        ("zero\u{200B}width\u{200D}joiner and soft\u{AD}hyphen\u{FEFF}bom", "b9e00f09415e4331cafe98a5b061000e", nil),
        ("combining e\u{301} vs é; Greek ΑΒΓ αβγ; Cyrillic Привет мир", "44f305e4c4afbdcb7024a9210ffb28ef", nil),
        ("tabs\tand\r\nnewlines\u{2028}line\u{2029}para\u{0085}next", "a69da58e56c9572439f8af96e702381f", nil),
        (
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
                + "seventeen eighteen nineteen twenty twenty-one", "dcfad58fa931268d0187d6963a5e2db1",
            "4030059ecf1038ba657365d3063e4e40"
        ),
        ("Ñandú año 2024’s “best” — ¿qué? ¡sí! ©®™ €100 ¥200 ±3 ×4 ÷5", "9eea231af8b1e0626f42525f0497baa9", nil),
    ])
    func outsideASCIIIsStable(_ text: String, _ expected: String, _ lead: String?) {
        #expect(ContentFingerprint.hash(text: text) == expected)
        #expect(ContentFingerprint.leadHash(text: text) == lead)
    }
}
