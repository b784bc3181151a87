import Testing

@testable import FeedHTML

/// One sanitizer input and its expected output, checked through libxml2's reader and the fast reader alike.
struct SanitizerCase: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: String
    /// True when the fast reader must take the input (rather than decline it and leave it to libxml2).
    let fastPathTakes: Bool

    init(_ input: String, _ expected: String, fastPathTakes: Bool = true) {
        self.input = input
        self.expected = expected
        self.fastPathTakes = fastPathTakes
    }

    var testDescription: String { input }

    /// Expects `expected` from libxml2's reading, from the fast reader (when it takes the input, which it must if
    /// `fastPathTakes`), and from the public entry point.
    func check(base: String?, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            HTMLFastPathTests.slow(input, base: base) == expected, "libxml2 path", sourceLocation: sourceLocation)
        let fast = HTMLFastPathTests.fast(input, base: base)
        if fastPathTakes {
            #expect(fast == expected, "fast path", sourceLocation: sourceLocation)
        } else if let fast {
            #expect(fast == expected, "fast path", sourceLocation: sourceLocation)
        }
        #expect(HTMLSanitizer.sanitize(input, baseURL: base) == expected, sourceLocation: sourceLocation)
    }
}
