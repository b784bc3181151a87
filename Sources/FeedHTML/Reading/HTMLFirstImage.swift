/// Finds the image that stands for an article: the first `<img>` whose `src` is an http(s) URL.
///
/// Reads any HTML with the one markup reader (comments, raw text and attribute quoting as everywhere else), so it
/// does not depend on how the sanitizer spells its output. Safe to call from any thread.
public enum HTMLFirstImage {
    /// The decoded `src` of the first `<img>` in `html` that is an absolute http or https URL, or nil.
    public static func source(in html: String) -> String? {
        var copy = html
        return copy.withUTF8 { bytes in
            var index = 0
            while let open = HTMLBytes.find("<", in: bytes, from: index) {
                switch HTMLBytes.markup(in: bytes, at: open) {
                case nil:
                    index = open + 1
                case .other(let end):
                    index = end
                case .tag(let isEnd, let name, let end):
                    index = end
                    let nameBytes = UnsafeBufferPointer(rebasing: bytes[name])
                    if isEnd { continue }
                    if HTMLNameKey(bytes: nameBytes) == image,
                        let source = webSource(in: bytes, nameEnd: name.upperBound, tagEnd: end)
                    {
                        return source
                    }
                    if let key = HTMLNameKey(bytes: nameBytes), HTMLElementNames.roles[key] == .rawText {
                        index = HTMLBytes.rawTextEnd(in: bytes, from: end, name: nameBytes)
                    }
                }
            }
            return nil
        }
    }

    private static let image = HTMLNameKey("img")

    private static func webSource(in bytes: UnsafeBufferPointer<UInt8>, nameEnd: Int, tagEnd: Int) -> String? {
        var attributes = HTMLTagAttributes(in: bytes, nameEnd: nameEnd, tagEnd: tagEnd)
        while let (name, value) = attributes.next() {
            // The first `src` counts, as in browsers.
            guard name == Array("src".utf8) else { continue }
            return value.hasPrefix("https://") || value.hasPrefix("http://") ? value : nil
        }
        return nil
    }
}
