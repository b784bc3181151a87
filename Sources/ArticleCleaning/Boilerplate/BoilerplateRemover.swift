/// Removes the junk around feed stories: template lines a feed repeats, repeated blocks and widgets, the headline
/// and dateline, and well-known calls to action.
///
/// Layers, in the order they decide:
/// 1. Feed template: blocks whose keys recur in other items of the feed (this fetch and `memory`) — anywhere with
///    three other items, at the leading or trailing edge with two. A paragraph longer than twelve words needs most
///    of the feed (four items and 60%), and shared first or last words or a shared label count only for lines
///    shaped like a template (a short slot, no story sentence after the label, never a wire dateline), so stock
///    endings, wire leads and a running story's background stay. An item's own earlier copy never votes for it,
///    nor do copies of the same story in one fetch.
/// 2. A block repeated in one article is kept once; a trailing run of repeated headline-like lines goes.
/// 3. A first block equal to the title and a leading date line go.
/// 4. Short calls to action ("Read more …", "Sign up for our newsletter") at the edges go, unless quoted.
/// 5. Anywhere: figure captions and credits, asides that link another article ("Lesen Sie auch: …") and a
///    heading of other articles with the headline list under it, share and comment counters, press-release
///    source lines, agency stamps, copyright and paywall notices (`BoilerplateInlineLines`, seven languages).
///
/// A block is never removed for being short, and a sentence of the story not for recurring in a few items (it
/// needs most of them); an item that would lose every block is kept as it is.
/// Pure and safe to call from any thread.
public enum BoilerplateRemover {
    /// The cleaned HTML of each item (same order), the HTML a story sketch should be made of, and the memory
    /// updated with these items.
    ///
    /// `sketchHTML` is nil where it equals `html`; elsewhere it also leaves out the paragraphs the feed's other
    /// items repeat (a company's "About" and forward-looking statements, a series' standing background), which
    /// stay in the article but say nothing about which story it is: two press releases of one company share them
    /// and are still different stories.
    ///
    /// Pass the memory stored with the feed (or `FeedTemplateMemory()` the first time) and store the returned
    /// one in its place. Items are the entries of one fetch of one feed; their `identity` must be stable.
    public static func clean(
        _ items: [BoilerplateItem], memory: FeedTemplateMemory
    ) -> (html: [String], sketchHTML: [String?], memory: FeedTemplateMemory) {
        let articles = items.map(BoilerplateArticle.init(item:))
        let votes = BoilerplateVoteTable(articles: articles, memory: memory)
        var html: [String] = []
        var sketchHTML: [String?] = []
        html.reserveCapacity(items.count)
        sketchHTML.reserveCapacity(items.count)
        var updated = memory
        for (index, article) in articles.enumerated() {
            let removed = article.removals(votes: votes, item: index)
            html.append(article.cleanedHTML(removing: removed))
            let shared = article.sharedParagraphs(votes: votes, item: index, removed: removed)
            sketchHTML.append(shared.map { article.cleanedHTML(removing: $0) })
            updated.record(
                identity: article.identity, keys: article.memoryKeys(limit: FeedTemplateMemory.maximumKeys))
        }
        return (html, sketchHTML, updated)
    }
}
