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
}
