import ArticleCleaning
import FeedModel

/// Turns a parsed entry into the article the store keeps: identity keys, cleaned content, text and summary.
public enum ArticlePreparation {
    public static func article(from entry: Entry) -> Article {
        // The parser already sanitized both; the full content wins over the teaser when the feed has both.
        let html = entry.content ?? entry.summary
        let text = html.map(ArticleText.text(fromHTML:)) ?? ""
        var summary = text.isEmpty ? nil : ArticleText.summary(ofText: text)
        if summary == nil, let teaser = entry.summary, teaser != html {
            let teaserText = ArticleText.text(fromHTML: teaser)
            summary = teaserText.isEmpty ? nil : ArticleText.summary(ofText: teaserText)
        }
        // The title takes part in the fingerprint so that title-only items of one feed do not all look alike; an
        // item with neither title nor text (an image post) has no content to compare, so its id stands in.
        let words = (entry.title ?? "") + "\n" + text
        let fingerprint = ContentFingerprint.hash(
            text: words.contains(where: { $0.isLetter || $0.isNumber }) ? words : "id:" + entry.id)
        return Article(
            guid: entry.id,
            guidIsDerived: entry.idIsDerived,
            canonicalURL: entry.link.flatMap(CanonicalURL.canonicalize),
            link: entry.link,
            title: entry.title,
            authors: entry.authors,
            published: entry.published ?? entry.updated,
            updated: entry.updated,
            summary: summary,
            contentHTML: html,
            contentText: text.isEmpty ? nil : text,
            categories: entry.categories,
            enclosures: entry.enclosures,
            contentHash: fingerprint
        )
    }
}
