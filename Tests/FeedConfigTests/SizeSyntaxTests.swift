import FeedConfig
import Testing

@Suite struct SizeSyntaxTests {
    static let valid: [(String, Int)] = [
        ("15MiB", 15_728_640),
        ("512KiB", 524_288),
        ("1GiB", 1_073_741_824),
        ("2TiB", 2_199_023_255_552),
        ("100KB", 100_000),
        ("10MB", 10_000_000),
        ("1GB", 1_000_000_000),
        ("15mib", 15_728_640),
        ("15 MiB", 15_728_640),
        ("512B", 512),
        ("4096", 4_096),
        ("0", 0),
    ]

    static let formatted: [(Int, String)] = [
        (15_728_640, "15MiB"),
        (524_288, "512KiB"),
        (1_073_741_824, "1GiB"),
        (100_000, "100KB"),
        (1_000_000, "1MB"),
        (1_024_000, "1024KB"),
        (512, "512B"),
        (0, "0B"),
        (1_000_001, "1000001B"),
    ]

    @Test(arguments: valid)
    func parsesValid(text: String, expected: Int) {
        #expect(SizeSyntax.parse(text) == expected)
    }

    @Test(arguments: [
        "", "MiB", "1.5MiB", "-1", "-1KiB", "15 M", "15Mb/s", "15MiBs", "ten", "1KiB2", "99999999999999999999",
        "9999999999TiB",
    ])
    func rejectsInvalid(text: String) {
        #expect(SizeSyntax.parse(text) == nil)
    }

    @Test(arguments: formatted)
    func formatsShortest(bytes: Int, expected: String) {
        #expect(SizeSyntax.format(bytes) == expected)
        #expect(SizeSyntax.parse(expected) == bytes)
    }
}
