/// Finds the image a digest entry shows when `[digest] images` is on.
enum DigestImage {
    /// The `src` of the first `<img>` in sanitized article HTML, when it is an http(s) URL.
    ///
    /// The sanitizer writes lower-case tag and attribute names and double-quoted values, which is all this reads;
    /// the references it writes in values are decoded (the renderer escapes the URL again).
    static func first(in html: String) -> String? {
        var rest = html[...]
        while let tag = rest.range(of: "<img ") {
            let afterTag = rest[tag.upperBound...]
            guard let end = afterTag.firstIndex(of: ">") else { return nil }
            let attributes = afterTag[..<end]
            if let source = attributes.range(of: " src=\"") ?? attributes.range(of: "src=\""),
                let close = attributes[source.upperBound...].firstIndex(of: "\"")
            {
                // The sanitizer escapes these in attribute values (the renderer escapes them again).
                var url = String(attributes[source.upperBound..<close])
                for (reference, character) in [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">")] {
                    url = url.replacingOccurrences(of: reference, with: character)
                }
                url = url.replacingOccurrences(of: "&amp;", with: "&")
                if url.hasPrefix("https://") || url.hasPrefix("http://") {
                    return url
                }
            }
            rest = afterTag[end...]
        }
        return nil
    }
}
