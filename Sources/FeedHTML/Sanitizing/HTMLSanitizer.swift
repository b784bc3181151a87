/// Cleans untrusted HTML from feeds into a safe, well-formed fragment.
///
/// Elements and attributes pass an allowlist (`HTMLSanitizationPolicy`); script-bearing elements vanish with
/// their content; URLs must be http(s) (or mailto in `href`) after entity decoding and resolution against
/// `baseURL`. Clutter goes too (`HTMLContentBlocker`): tracking pixels, FeedBurner flare, share links and share
/// widgets; images that stay are marked `loading="lazy"`. The output is HTML5 serialization: escaped text,
/// double-quoted attributes, void elements without end tags, every element closed, no comments. Safe to call
/// from any thread.
public enum HTMLSanitizer {
    /// The sanitized form of `html`, an HTML fragment in UTF-8.
    ///
    /// Text without `<` or `&` is returned unchanged. Relative URLs are resolved against `baseURL`; without a
    /// base they are dropped.
    public static func sanitize(_ html: String, baseURL: String?) -> String {
        guard hasMarkup(html.utf8) else { return html }
        var copy = html
        // A Swift string is valid UTF-8, which the fast path relies on.
        return copy.withUTF8 { sanitizeMarkup($0, baseURL: baseURL, validUTF8: true) }
    }

    /// The sanitized form of the UTF-8 bytes `html`: the same string as `sanitize(String(decoding: html, as:
    /// UTF8.self), baseURL:)`, without making that intermediate string.
    ///
    /// For a parser that holds captured text as bytes: valid UTF-8 (all a feed parser delivers) is sanitized in
    /// place; anything else is repaired into a string first, exactly as `String(decoding:as:)` would.
    public static func sanitize(utf8 html: UnsafeBufferPointer<UInt8>, baseURL: String?) -> String {
        guard UTF8Validation.isValid(html) else {
            return sanitize(String(decoding: html, as: UTF8.self), baseURL: baseURL)
        }
        guard hasMarkup(html) else { return UTF8Validation.string(html) }
        return sanitizeMarkup(html, baseURL: baseURL, validUTF8: true)
    }

    /// The sanitized form of the UTF-8 bytes `html`; see `sanitize(_:baseURL:)`.
    ///
    /// Invalid UTF-8 is tolerated: libxml2 falls back to ISO-8859-1 from the first bad byte on.
    static func sanitize(_ html: UnsafeBufferPointer<UInt8>, baseURL: String?) -> String {
        guard hasMarkup(html) else { return String(decoding: html, as: UTF8.self) }
        return sanitizeMarkup(html, baseURL: baseURL, validUTF8: false)
    }

    /// Text with neither `<` nor `&` is already safe HTML.
    private static func hasMarkup(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }
    }

    /// libxml2 wraps top-level text in an implied `<p>` unless an element is open, so the fragment is parsed
    /// inside an element of no known name, which the sanitizer then unwraps like any unknown element.
    private static let wrapper: [UInt8] = Array("<feedd-fragment>".utf8)

    private static func sanitizeMarkup(_ html: UnsafeBufferPointer<UInt8>, baseURL: String?, validUTF8: Bool) -> String
    {
        let fast = HTMLSanitizingWriter(baseURL: baseURL, capacity: html.count)
        if validUTF8 && HTMLFastPath.run(html, into: fast) {
            return string(from: fast)
        }
        return sanitizeWithLibxml2(html, baseURL: baseURL)
    }

    /// The sanitized form of `html` read by libxml2's HTML parser, whatever its shape.
    static func sanitizeWithLibxml2(_ html: UnsafeBufferPointer<UInt8>, baseURL: String?) -> String {
        var input: [UInt8] = []
        input.reserveCapacity(wrapper.count + html.count)
        input.append(contentsOf: wrapper)
        input.append(contentsOf: html)
        let writer = HTMLSanitizingWriter(baseURL: baseURL, capacity: html.count)
        withExtendedLifetime(writer) {
            _ = input.withUnsafeBufferPointer { bytes in
                HTMLSAXDriver.parse(
                    bytes, handler: HTMLSanitizingWriter.makeSAXHandler(),
                    context: Unmanaged.passUnretained(writer).toOpaque(), options: HTMLSAXDriver.fragmentOptions,
                    assumeUTF8: true)
            }
        }
        return string(from: writer)
    }

    private static func string(from writer: HTMLSanitizingWriter) -> String {
        writer.finish()
        return writer.output.withUnsafeBufferPointer { UTF8Validation.string($0) }
    }
}
