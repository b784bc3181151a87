/// The allowlist behind `HTMLSanitizer`: which elements survive, which vanish with their content, and which
/// attributes each kept element may carry.
///
/// Elements not listed are unwrapped (tag dropped, content kept). `form` is deliberately not listed, so a form's
/// text survives while its controls (dropped with their content) do not. Beyond the allowlist, any element whose
/// `class` or `id` names a share widget goes with its content, images are screened for trackers and links for
/// flare and share endpoints (`HTMLContentBlocker`).
enum HTMLSanitizationPolicy {
    /// What happens to an element.
    enum Action: UInt8, Sendable {
        /// Emitted with its allowed attributes.
        case keep
        /// Neither the element nor anything inside it is emitted.
        case drop
    }

    /// What a kept element needs to be worth emitting.
    enum Requirement: UInt8, Sendable {
        case none
        /// A surviving `src`.
        case source
        /// A surviving `src` or `srcset`.
        case sourceOrSourceSet
    }

    /// How an attribute's value is checked.
    enum AttributeKind: UInt8, Sendable {
        /// Free text, escaped on output.
        case text
        /// A single URL (http, https, or for `href` also mailto).
        case url
        /// A comma-separated list of image candidates, each URL checked.
        case sourceSet
        /// Present or absent; emitted without a value.
        case boolean
        /// Never emitted, but read first: `class` and `id`, which may mark a share widget.
        case marker
    }

    /// What the writer checks on an element beyond its attributes' allowlist.
    enum Screening: UInt8, Sendable {
        case none
        /// `img`: dropped when its `src` is a known tracker or it is 1×1 pixels; always given `loading="lazy"`.
        case image
        /// `a`: dropped with its content when its `href` is FeedBurner flare, a feed ad or a share endpoint.
        case link
    }

    /// One element of the allowlist or blocklist.
    struct ElementRule: Sendable {
        let name: StaticString
        let action: Action
        /// True for HTML void elements: no end tag, and libxml2 may nest following content inside them.
        let isVoid: Bool
        let attributes: UInt64
        let requirement: Requirement
        /// Audio and video are always given controls, since autoplay is refused.
        let forcesControls: Bool
        let screening: Screening
    }

    /// One allowed attribute.
    struct AttributeRule: Sendable {
        let name: StaticString
        let bit: UInt64
        let kind: AttributeKind
    }

    private static let attributeList: [(StaticString, AttributeKind)] = [
        ("href", .url), ("src", .url), ("cite", .url), ("poster", .url), ("srcset", .sourceSet),
        ("alt", .text), ("title", .text), ("lang", .text), ("dir", .text), ("width", .text), ("height", .text),
        ("colspan", .text), ("rowspan", .text), ("headers", .text), ("scope", .text), ("abbr", .text),
        ("span", .text), ("start", .text), ("type", .text), ("value", .text), ("datetime", .text),
        ("sizes", .text), ("media", .text), ("kind", .text), ("srclang", .text), ("label", .text),
        ("preload", .text), ("hreflang", .text),
        ("controls", .boolean), ("open", .boolean), ("reversed", .boolean), ("loop", .boolean),
        ("muted", .boolean), ("default", .boolean), ("playsinline", .boolean),
        ("class", .marker), ("id", .marker),
    ]

    /// Allowed attributes by name.
    static let attributes = HTMLNameTable<AttributeRule>(
        attributeList.enumerated().map { index, entry in
            (HTMLNameKey(entry.0), AttributeRule(name: entry.0, bit: 1 << UInt64(index), kind: entry.1))
        })

    /// The mask of the named attributes; every name must be in `attributeList`.
    private static func bits(_ names: StaticString...) -> UInt64 {
        var mask: UInt64 = 0
        for name in names {
            if let rule = attributes[HTMLNameKey(name)] {
                mask |= rule.bit
            } else {
                assertionFailure("attribute \(name) is missing from attributeList")
            }
        }
        return mask
    }

    /// Bits of the attributes the writer treats specially: `href` may be mailto, `src` satisfies requirements,
    /// `controls` need not be forced twice.
    static let hrefBit = bits("href")
    static let sourceBit = bits("src")
    static let controlsBit = bits("controls")
    /// `width` and `height`, which together may reveal a tracking pixel.
    static let widthBit = bits("width")
    static let heightBit = bits("height")

    /// Attributes every kept element may carry.
    static let globalAttributes: UInt64 = bits("title", "lang", "dir")

    /// Elements by name; anything absent is unwrapped.
    static let elements: HTMLNameTable<ElementRule> = {
        var table: [(HTMLNameKey, ElementRule)] = []
        func keep(
            _ names: [StaticString], _ attributes: UInt64 = 0, void: Bool = false,
            requirement: Requirement = .none, controls: Bool = false, screening: Screening = .none
        ) {
            for name in names {
                let rule = ElementRule(
                    name: name, action: .keep, isVoid: void, attributes: attributes, requirement: requirement,
                    forcesControls: controls, screening: screening)
                table.append((HTMLNameKey(name), rule))
            }
        }
        func drop(_ names: [StaticString], void: Bool = false) {
            for name in names {
                let rule = ElementRule(
                    name: name, action: .drop, isVoid: void, attributes: 0, requirement: .none, forcesControls: false,
                    screening: .none)
                table.append((HTMLNameKey(name), rule))
            }
        }
        keep([
            "abbr", "address", "article", "aside", "b", "bdi", "bdo", "big", "caption", "center", "code", "dd",
            "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
            "header", "hgroup", "i", "kbd", "main", "mark", "p", "picture", "pre", "rp", "rt", "ruby", "s", "samp",
            "section", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "tfoot",
            "thead", "tr", "tt", "u", "ul", "var",
        ])
        keep(["br", "hr", "wbr"], void: true)
        keep(["a"], bits("href", "hreflang"), screening: .link)
        keep(["blockquote", "q"], bits("cite"))
        keep(["del", "ins"], bits("cite", "datetime"))
        keep(["time"], bits("datetime"))
        keep(["details"], bits("open"))
        keep(["li"], bits("value"))
        keep(["ol"], bits("start", "reversed", "type"))
        keep(["td"], bits("colspan", "rowspan", "headers"))
        keep(["th"], bits("colspan", "rowspan", "headers", "scope", "abbr"))
        keep(["colgroup"], bits("span", "width"))
        keep(["col"], bits("span", "width"), void: true)
        keep(
            ["img"], bits("src", "srcset", "sizes", "alt", "width", "height"), void: true, requirement: .source,
            screening: .image)
        keep(
            ["source"], bits("src", "srcset", "sizes", "type", "media"), void: true,
            requirement: .sourceOrSourceSet)
        keep(["track"], bits("src", "kind", "srclang", "label", "default"), void: true, requirement: .source)
        keep(["audio"], bits("src", "controls", "loop", "muted", "preload"), controls: true)
        keep(
            ["video"], bits("src", "poster", "controls", "loop", "muted", "preload", "width", "height", "playsinline"),
            controls: true)
        // iframe, object and applet are not listed: the element goes, its fallback text stays (as in feedparser).
        drop([
            "script", "style", "title", "head", "template", "noscript", "svg", "math",
            "frameset", "noframes", "noembed", "button", "select", "textarea", "option", "optgroup", "datalist",
        ])
        // Void elements have no content to drop; whatever libxml2 nests under them belongs to their parent.
        drop(
            ["base", "meta", "link", "embed", "frame", "input", "param", "keygen", "area", "basefont", "isindex"],
            void: true)
        return HTMLNameTable(table)
    }()
}
