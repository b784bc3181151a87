import FeedModel

/// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1 documents.
public enum FeedParser {
    /// Parses a whole document held in memory.
    ///
    /// - Throws: `FeedParseError` when the input is not a feed at all. Malformed feeds are recovered and come back
    ///   with `bozo` set and their problems listed.
    public static func parse(_ bytes: [UInt8], options: FeedParserOptions = FeedParserOptions()) throws -> FeedDocument
    {
        var entries: [Entry] = []
        let stream = FeedParseStream(options: options) { entries.append($0) }
        try bytes.withUnsafeBytes { try stream.write($0) }
        var document = try stream.finish()
        document.entries = entries
        return document
    }
}
