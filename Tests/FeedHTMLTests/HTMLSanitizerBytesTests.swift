import Testing

@testable import FeedHTML

/// `HTMLSanitizer.sanitize(utf8:baseURL:)`, which the feed parser calls on captured bytes, must give exactly what
/// the string form gives for the same bytes, invalid UTF-8 included.
@Suite struct HTMLSanitizerBytesTests {
    /// Byte sequences at the edges of UTF-8, each inside ASCII long enough to cross the eight-byte skipping.
    static let sequences: [[UInt8]] = [
        [], [0x41], [0xC3, 0xA9], [0xE6, 0x97, 0xA5], [0xF0, 0x9F, 0x8E, 0x89],
        // Overlong forms, surrogates, past U+10FFFF, stray continuation bytes, lead bytes that never lead.
        [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
        [0xF0, 0x80, 0x80, 0xAF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xBF, 0x41],
        // Sequences cut short, at the end of the input or before ASCII.
        [0xC3], [0xE6, 0x97], [0xF0, 0x9F, 0x8E], [0xE6, 0x41, 0x41],
        // U+FFFE and U+FFFF are valid UTF-8.
        [0xEF, 0xBF, 0xBE], [0xEF, 0xBF, 0xBF],
    ]

    @Test(arguments: sequences)
    func validationAgreesWithSwift(_ sequence: [UInt8]) {
        for prefix in [0, 3, 8, 13] {
            let bytes = Array(repeating: UInt8(ascii: "a"), count: prefix) + sequence + Array("<p>tail</p>".utf8)
            let swift = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) } == swift, "\(bytes)")
        }
    }

    @Test(arguments: sequences)
    func stringsAreThoseOfSwiftsDecoding(_ sequence: [UInt8]) {
        for prefix in [0, 3, 8, 13] {
            let bytes = Array(repeating: UInt8(ascii: "a"), count: prefix) + sequence + Array("<p>tail</p>".utf8)
            let decoded = String(decoding: bytes, as: UTF8.self)
            let made = bytes.withUnsafeBufferPointer { UTF8Validation.string($0) }
            #expect(Array(made.utf8) == Array(decoded.utf8), "\(bytes)")
            #expect(made == decoded && made.count == decoded.count, "\(bytes)")
        }
    }

    @Test(arguments: sequences)
    func bytesSanitizeLikeTheirString(_ sequence: [UInt8]) {
        for wrapped in [sequence, Array("<p>x".utf8) + sequence + Array(" <a href=\"/y\">y</a></p>".utf8)] {
            let string = HTMLSanitizer.sanitize(
                String(decoding: wrapped, as: UTF8.self), baseURL: HTMLSanitizerTests.base)
            let bytes = wrapped.withUnsafeBufferPointer {
                HTMLSanitizer.sanitize(utf8: $0, baseURL: HTMLSanitizerTests.base)
            }
            #expect(bytes == string, "\(wrapped)")
        }
    }

    @Test(arguments: HTMLSanitizerTests.cases)
    func sanitizerCasesGiveTheSameFromBytes(_ input: String, _ expected: String) {
        let bytes = Array(input.utf8).withUnsafeBufferPointer {
            HTMLSanitizer.sanitize(utf8: $0, baseURL: HTMLSanitizerTests.base)
        }
        #expect(bytes == expected)
    }
}
