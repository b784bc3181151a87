internal import CLibXML2
import FeedHTML

/// Finds an article's main content in its page, for feeds whose items carry only a teaser.
///
/// Pure functions of a page, safe on any thread that owns the page.
public enum ContentExtractor {
    /// Fewer words than this are no article: a page of links, an error page, an empty shell.
    static let minimumWords = 25
    /// A paywall's teaser is shorter than this; a page this long that still says "subscribe" is the article.
    static let paywallStubWords = 300

    /// The main content of `page` under `rule` (`.auto` or a selector; `.off` gives nil); nil when nothing usable is
    /// found: no element holds text, or the text is shorter than an article.
    public static func extract(from page: HTMLPage, rule: FullTextRule) -> ExtractedContent? {
        if rule == .off {
            return nil
        }
        let metadata = PageMetadata(page: page)
        switch rule {
        case .off:
            return nil
        case .auto:
            guard let markup = automaticMarkup(of: page, titles: metadata.titles) else { return nil }
            return content(fromMarkup: markup, page: page, metadata: metadata, minimumWords: minimumWords)
        case .selector(let selector):
            // The owner chose these elements: any text is content.
            let markup = selectedMarkup(of: page.select(selector))
            return content(fromMarkup: markup, page: page, metadata: metadata, minimumWords: 1)
        }
    }

    /// The page's `<link rel="canonical">`, else its `og:url`, absolute and http(s): a story's identity even when
    /// `extract` finds no content.
    public static func canonicalURL(of page: HTMLPage) -> String? {
        PageMetadata(page: page).canonicalURL
    }

    /// Whether `extracted` should replace an article's feed content whose plain text is `feedText`: it is not a
    /// paywall's teaser, and it is longer by a margin (a quarter more, and twenty words), so a page that merely
    /// repeats the feed's full text with its furniture does not replace it.
    public static func improves(_ extracted: ExtractedContent, on feedText: String) -> Bool {
        guard !extracted.isPaywallStub else { return false }
        let feedWords = wordCount(of: feedText)
        return extracted.wordCount >= feedWords + 20 && Double(extracted.wordCount) >= Double(feedWords) * 1.25
    }

    /// The number of words in `text`: runs of letters and digits.
    public static func wordCount(of text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWordScalar = isWordCharacter(scalar)
            if isWordScalar && !inWord { count += 1 }
            inWord = isWordScalar
        }
        return count
    }

    /// A letter or digit; ASCII is decided without Unicode's property tables, which are slow to consult.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x30 && value <= 0x39) || ((value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    // MARK: - Auto

    /// The raw markup of the page's main content as the scorer chooses and cleans it.
    static func automaticMarkup(of page: HTMLPage, titles: [String]) -> String? {
        guard let root = body(of: page) else { return nil }
        let elements = PageElements(root: root)
        let chosen = ContentScorer(elements: elements).chooseContent()
        guard !chosen.isEmpty else { return nil }
        let cleaner = ContentCleaner(elements: elements, chosen: chosen, titles: titles)
        let writer = ContentWriter(keeps: cleaner.keeps)
        return writer.markup(of: chosen.map { elements[$0].node })
    }

    // MARK: - Selector

    /// The raw markup of the selected nodes, outermost only (a node inside another selected one is already there),
    /// without what is never content (scripts, styles, controls, hidden elements).
    static func selectedMarkup(of nodes: [HTMLNode]) -> String {
        var roots: [xmlNodePtr] = []
        var values: [String] = []
        for node in nodes {
            switch node.storage {
            case .node(let pointer) where pointer.isElement || pointer.isText:
                roots.append(pointer)
            case .node:
                // An attribute or a comment: not an article's text.
                continue
            case .value(let value):
                values.append(value)
            }
        }
        let selected = Set(roots)
        let outermost = roots.filter { root in
            var ancestor = root.pointee.parent
            while let current = ancestor {
                if selected.contains(current) { return false }
                ancestor = current.pointee.parent
            }
            return true
        }
        let writer = ContentWriter { node in
            !HTMLTags.neverContent.contains(node.elementName) && !PageElements.isHidden(node)
        }
        let escapedValues = values.map { "<p>" + HTMLEscaping.escapeText($0) + "</p>" }
        return writer.markup(of: outermost) + escapedValues.joined()
    }

    /// The page's `<body>`, else its root element.
    static func body(of page: HTMLPage) -> xmlNodePtr? {
        guard let root = xmlDocGetRootElement(page.document) else { return nil }
        var child = root.pointee.children
        while let current = child {
            if current.isElement && current.elementName == "body" { return current }
            child = current.pointee.next
        }
        return root
    }

    // MARK: - Result

    /// The sanitized content of `markup` with the page's metadata; nil when it has fewer than `minimumWords`.
    static func content(
        fromMarkup markup: String, page: HTMLPage, metadata: PageMetadata, minimumWords: Int
    ) -> ExtractedContent? {
        let html = HTMLSanitizer.sanitize(markup, baseURL: page.url)
        let text = HTMLPlainText.text(fromMarkup: html)
        let words = wordCount(of: text)
        guard words >= max(minimumWords, 1) else { return nil }
        return ExtractedContent(
            html: html, text: text, wordCount: words, canonicalURL: metadata.canonicalURL, title: metadata.title,
            isPaywallStub: metadata.hasPaywallMarkers && words < paywallStubWords)
    }
}
