import Testing

@testable import FeedHTML

@Suite struct StableHashTests {
    /// Entry ids and content fingerprints are stored, so the algorithm must never change; these values pin it.
    @Test func pinsTheDigestOfOneField() {
        var empty = StableHash()
        empty.combine("")
        #expect(empty.hexDigest == "e5ca4f3722c3f274af64724c8602eb6e")
        var hello = StableHash()
        hello.combine("hello world")
        #expect(hello.hexDigest == "a15e261b77988833782d3f88cd58fec8")
    }

    @Test func bytesAndAFieldEndEqualCombiningTheString() {
        let text = "it s a test café 2024"
        var combined = StableHash()
        combined.combine(text)
        var byBytes = StableHash()
        for byte in text.utf8 { byBytes.add(byte) }
        byBytes.endField()
        #expect(byBytes.hexDigest == combined.hexDigest)
        #expect(combined.hexDigest == "e54c967a31665c79484c20139d3560b5")
    }

    @Test func fieldBoundariesMatter() {
        var first = StableHash()
        first.combine("ab")
        first.combine("c")
        var second = StableHash()
        second.combine("a")
        second.combine("bc")
        #expect(first.hexDigest != second.hexDigest)
        var missing = StableHash()
        missing.combine(nil)
        var empty = StableHash()
        empty.combine("")
        #expect(missing.hexDigest == empty.hexDigest)
    }
}
