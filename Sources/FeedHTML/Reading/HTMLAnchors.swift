/// The links of a piece of HTML: each `<a href>`'s target and its text, in document order.
///
/// Read with the one markup reader, so comments and raw text hold no links. Safe to call from any thread.
public enum HTMLAnchors {
    /// One link: its `href` (character references decoded, not resolved) and its plain text.
    public struct Anchor: Sendable, Equatable {
        public var href: String
        public var text: String

        public init(href: String, text: String) {
            self.href = href
            self.text = text
        }
    }

    /// The anchors of `html` that have an `href`, at most `limit` of them.
    public static func anchors(in html: String, limit: Int = 64) -> [Anchor] {
        var copy = html
        return copy.withUTF8 { bytes in
            var anchors: [Anchor] = []
            var open: (href: String, textStart: Int)?
            var index = 0
            while anchors.count < limit, let position = HTMLBytes.find("<", in: bytes, from: index) {
                let markup = HTMLBytes.markup(in: bytes, at: position)
                guard case .tag(let isEnd, let name, let end)? = markup else {
                    if case .other(let end)? = markup { index = end } else { index = position + 1 }
                    continue
                }
                index = end
                let nameBytes = UnsafeBufferPointer(rebasing: bytes[name])
                guard let key = HTMLNameKey(bytes: nameBytes) else { continue }
                if key == anchor {
                    // An anchor ends at its end tag or at the next anchor, as browsers close it.
                    if let current = open {
                        anchors.append(Anchor(href: current.href, text: text(bytes, current.textStart..<position)))
                        open = nil
                    }
                    if !isEnd, let href = href(in: bytes, nameEnd: name.upperBound, tagEnd: end) {
                        open = (href, end)
                    }
                } else if !isEnd, HTMLElementNames.roles[key] == .rawText {
                    index = HTMLBytes.rawTextEnd(in: bytes, from: end, name: nameBytes)
                }
            }
            if let current = open, anchors.count < limit {
                anchors.append(Anchor(href: current.href, text: text(bytes, current.textStart..<bytes.count)))
            }
            return anchors
        }
    }

    private static let anchor = HTMLNameKey("a")

    private static func href(in bytes: UnsafeBufferPointer<UInt8>, nameEnd: Int, tagEnd: Int) -> String? {
        var attributes = HTMLTagAttributes(in: bytes, nameEnd: nameEnd, tagEnd: tagEnd)
        while let (name, value) = attributes.next() {
            // The first `href` counts, as in browsers.
            if name == Array("href".utf8) { return value }
        }
        return nil
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        HTMLPlainText.text(fromMarkup: String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
    }
}
