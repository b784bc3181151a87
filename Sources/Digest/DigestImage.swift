/// Finds the image a digest entry shows when `[digest] images` is on.
enum DigestImage {
    /// The `src` of the first `<img>` in sanitized article HTML, when it is an http(s) URL.
    ///
    /// The sanitizer writes lower-case tag and attribute names and double-quoted values, which is all this reads;
    /// the value's character references are left as they are (the renderer escapes attribute values anyway).
    static func first(in html: String) -> String? {
        var rest = html[...]
        while let tag = rest.range(of: "<img ") {
            let afterTag = rest[tag.upperBound...]
            guard let end = afterTag.firstIndex(of: ">") else { return nil }
            let attributes = afterTag[..<end]
            if let source = attributes.range(of: " src=\"") ?? attributes.range(of: "src=\""),
                let close = attributes[source.upperBound...].firstIndex(of: "\"")
            {
                let url = String(attributes[source.upperBound..<close])
                    .replacingOccurrences(of: "&amp;", with: "&")
                if url.hasPrefix("https://") || url.hasPrefix("http://") {
                    return url
                }
            }
            rest = afterTag[end...]
        }
        return nil
    }
}
