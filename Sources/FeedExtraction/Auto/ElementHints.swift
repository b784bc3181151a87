/// What an element's `class` and `id` say about it: the words publishers' templates use for the article and for
/// everything around it.
///
/// Words are the attribute's runs of ASCII letters and digits, lower-cased ("article-body", "articleBody" and
/// "article_body" all hold "article"-something). A negative word wins over a positive one in the same element:
/// "comment-body" is a comment, "entry-meta" a byline.
struct ElementHints: Equatable {
    /// How strongly the words point at the article: +1 for each positive attribute, −1 for each negative one.
    var weight = 0
    /// A class or id word of the page's furniture (comments, sharing, navigation, advertising, …).
    var isNegative = false
    /// A class or id word of a body of text ("article-body", "entry-content", "prose").
    var namesTextContainer = false
    /// A note, warning or tip: documentation keeps these even as `<aside>`.
    var namesCallout = false

    init() {}

    /// The hints of an element whose class and id are `classAttribute` and `idAttribute`.
    init(classAttribute: String?, idAttribute: String?) {
        for value in [classAttribute, idAttribute] {
            guard let value, !value.isEmpty else { continue }
            let words = Self.words(of: value)
            let positive = words.contains(where: Self.isPositiveWord)
            // "field--name-body field--label-hidden" is Drupal's body: a weak word beside a word of a body of text
            // says how the field is shown, not that it is furniture ("story-header" stays a header).
            let negativeWords = words.filter(Self.isNegativeWord)
            let negative =
                !negativeWords.isEmpty
                && !(words.contains(where: Self.isTextContainerWord)
                    && negativeWords.allSatisfy { Self.weakNegativeWords.contains(String($0)) })
            if negative {
                weight -= 1
                isNegative = true
            } else if positive {
                weight += 1
            }
            if !negative && words.contains(where: Self.isTextContainerWord) {
                namesTextContainer = true
            }
            if words.contains(where: { Self.calloutWords.contains(String($0)) }) {
                namesCallout = true
            }
        }
    }

    /// The lower-cased runs of ASCII letters and digits of `value`; a camel-case hump starts a new word.
    static func words(of value: String) -> [Substring] {
        var words: [Substring] = []
        var lowered = ""
        lowered.reserveCapacity(value.utf8.count + 8)
        var previousWasLower = false
        for scalar in value.unicodeScalars {
            let isUpper = scalar.value >= 0x41 && scalar.value <= 0x5A
            let isLower =
                (scalar.value >= 0x61 && scalar.value <= 0x7A) || (scalar.value >= 0x30 && scalar.value <= 0x39)
            if isUpper && previousWasLower { lowered.append(" ") }
            if isUpper {
                lowered.unicodeScalars.append(Unicode.Scalar(scalar.value | 0x20)!)
            } else if isLower {
                lowered.unicodeScalars.append(scalar)
            } else {
                lowered.append(" ")
            }
            previousWasLower = isLower
        }
        words = lowered.split(separator: " ")
        return words
    }

    static func isNegativeWord(_ word: Substring) -> Bool {
        negativeWords.contains(String(word)) || negativePrefixes.contains { word.hasPrefix($0) }
    }

    static func isPositiveWord(_ word: Substring) -> Bool {
        positiveWords.contains(String(word))
    }

    static func isTextContainerWord(_ word: Substring) -> Bool {
        textContainerWords.contains(String(word))
    }

    /// Words that are furniture wherever they appear in a class or id.
    private static let negativeWords: Set<String> = [
        "ad", "ads", "adv", "advert", "adverts", "affiliate", "author", "authors", "banner", "bio", "breadcrumb",
        "breadcrumbs",
        "byline", "community", "consent", "contact", "cookie", "cookies", "credits",
        "dateline", "disclaimer", "disclosure", "disqus", "dropdown", "foot", "footer", "gdpr", "header", "hidden",
        "jump", "masthead", "menu", "meta", "modal", "more", "nav", "navbar", "newsletter", "outbrain", "overlay",
        "pager", "pagination", "paywall", "popular", "popup", "print", "promo", "rail", "rating", "ratings", "recirc",
        "recommended",
        "regwall", "remark", "reply", "replies", "rss", "shopping", "signup", "skip", "social", "sponsor",
        "sponsored", "subscribe", "subscription", "tag", "tags", "taboola", "toc", "toolbar", "tools", "trending",
        "tweet", "upsell", "widget", "widgets",
    ]
    /// Furniture words that also describe how an article's own parts are shown ("label-hidden", "entry-header").
    private static let weakNegativeWords: Set<String> = ["hidden", "header", "meta", "print", "more"]
    /// Beginnings of furniture words ("comments", "commentlist", "sharing", "sidebar-left", "related-posts").
    private static let negativePrefixes: [String] = [
        "comment", "share", "sharing", "sidebar", "related", "advertis", "newsletter", "subscri", "cookie", "promo",
        "navigation", "social", "breadcrumb", "pagination", "timestamp", "published", "byline",
    ]
    /// Words of the article itself.
    private static let positiveWords: Set<String> = [
        "article", "articles", "blog", "body", "content", "entry", "hentry", "main", "markdown", "page", "post",
        "prose", "story", "text", "copy", "rich", "doc", "docs", "documentation",
    ]
    /// Words of an element that holds a body of text.
    private static let textContainerWords: Set<String> = ["body", "content", "prose", "text", "markdown", "copy"]
    /// Words of a documentation callout.
    private static let calloutWords: Set<String> = [
        "note", "notes", "warning", "tip", "tips", "callout", "admonition", "caution", "important", "info",
    ]
}
