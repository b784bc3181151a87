/// Reads OPML subscription lists (`feedctl import`).
///
/// The file must be well-formed XML with an `<opml>` root; anything else is an `OPMLError` naming the file and, for
/// XML errors, the line libxml2 reports. Within that, reading is lenient: any `<outline>` with an `xmlUrl` attribute
/// is a feed, whatever its `type`; an outline with `type="rss"` but no `xmlUrl` is skipped; any other outline is a
/// folder whose `title` (else `text`) becomes a tag of the feeds inside it. See `OPMLSubscription` for how values and
/// tags are cleaned, and `OPMLPushParser` for what hostile input can and cannot do.
public enum OPMLReader {
    /// The largest file accepted, in bytes (64 MiB; a real subscription list is well under 1 MiB).
    public static let maximumInputSize = 64 << 20

    /// Parses an OPML file; `fileName` only labels errors. Safe to call from any thread.
    public static func parse(_ bytes: [UInt8], fileName: String) throws(OPMLError) -> OPMLDocument {
        guard bytes.count <= maximumInputSize else {
            throw OPMLError(fileName: fileName, reason: .tooLarge(byteCount: bytes.count, limit: maximumInputSize))
        }
        let result: Result<OPMLDocument, OPMLError> = bytes.withUnsafeBytes { buffer in
            // libxml2 detects the encoding from the first four bytes given to the context.
            let headCount = min(4, buffer.count)
            guard let parser = OPMLPushParser(head: UnsafeRawBufferPointer(rebasing: buffer[0..<headCount])) else {
                return .failure(OPMLError(fileName: fileName, reason: .parserUnavailable))
            }
            parser.push(UnsafeRawBufferPointer(rebasing: buffer[headCount...]))
            parser.finish()
            if let failure = parser.failure { return .failure(OPMLError(fileName: fileName, reason: failure)) }
            return .success(parser.document)
        }
        return try result.get()
    }
}
