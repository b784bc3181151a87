import ArticleCleaning
import FeedHTML
import FeedModel

/// Turns parsed entries into the articles the store keeps: cleaned content, text, summary, identity keys and the
/// story sketch.
public enum ArticlePreparation {
    /// The articles of one fetch of one feed, cleaned together, and what the cleaning learned of the feed's
    /// template.
    ///
    /// The entries of one fetch are cleaned as a group because a feed's template shows in what its items share:
    /// `memory` (the feed's earlier items, from `FeedStore.templateMemory(feedID:)`) and the other entries at hand
    /// both count, so boilerplate goes even on the first fetch of a feed with several items.
    public static func articles(from entries: [Entry], memory: FeedTemplateMemory) -> (
        articles: [Article], memory: FeedTemplateMemory
    ) {
        var items: [BoilerplateItem] = []
        var itemOfEntry: [Int?] = []
        items.reserveCapacity(entries.count)
        for entry in entries {
            // The parser already sanitized both; the full content wins over the teaser when the feed has both.
            guard let html = entry.content ?? entry.summary, !html.isEmpty else {
                itemOfEntry.append(nil)
                continue
            }
            itemOfEntry.append(items.count)
            items.append(BoilerplateItem(identity: entry.id, html: html, title: entry.title, link: entry.link))
        }
        let cleaned =
            items.isEmpty
            ? (html: [], sketchHTML: [], memory: memory) : BoilerplateRemover.clean(items, memory: memory)
        let articles = zip(entries, itemOfEntry).map { entry, item in
            article(
                from: entry, cleanedHTML: item.map { cleaned.html[$0] },
                sketchHTML: item.flatMap { cleaned.sketchHTML[$0] })
        }
        return (articles, cleaned.memory)
    }

    /// The article of `entry` whose content, cleaned of boilerplate, is `cleanedHTML`, and whose story sketch is
    /// made of `sketchHTML` when the feed's template leaves less of it to compare.
    private static func article(from entry: Entry, cleanedHTML html: String?, sketchHTML: String?) -> Article {
        let text = html.map(ArticleText.text(fromHTML:)) ?? ""
        var summary = text.isEmpty ? nil : TextSummary.prefix(of: text)
        if summary == nil, let teaser = entry.summary, entry.content != nil {
            let teaserText = ArticleText.text(fromHTML: teaser)
            summary = teaserText.isEmpty ? nil : TextSummary.prefix(of: teaserText)
        }
        // The title takes part in the fingerprint so that title-only items of one feed do not all look alike; an
        // item with neither title nor text (an image post) has no content to compare, so its id stands in.
        let words = (entry.title ?? "") + "\n" + text
        let fingerprint = ContentFingerprint.hash(
            text: words.contains(where: { $0.isLetter || $0.isNumber }) ? words : "id:" + entry.id)
        return Article(
            guid: entry.id,
            guidIsDerived: entry.idIsDerived,
            canonicalURL: CanonicalURL.canonicalize(
                link: PublisherLink.of(entry) ?? entry.link, origLink: entry.originalLink),
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
            contentHash: fingerprint,
            // The title stays out of the sketch: two different articles called "Weekly roundup" are not one story.
            signature: StorySketch.signature(ofText: sketchHTML.map(ArticleText.text(fromHTML:)) ?? text),
            leadHash: ContentFingerprint.leadHash(text: text)
        )
    }
}
