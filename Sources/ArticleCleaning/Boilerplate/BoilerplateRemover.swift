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
/// 4. Short calls to action ("Read more …", "Sign up for our newsletter") at the edges go.
///
/// A block is never removed for being short, and an item that would lose every block is kept as it is.
/// Pure and safe to call from any thread.
public enum BoilerplateRemover {
    /// The cleaned HTML of each item (same order) and the memory updated with these items.
    ///
    /// Pass the memory stored with the feed (or `FeedTemplateMemory()` the first time) and store the returned
    /// one in its place. Items are the entries of one fetch of one feed; their `identity` must be stable.
    public static func clean(
        _ items: [BoilerplateItem], memory: FeedTemplateMemory
    ) -> (html: [String], memory: FeedTemplateMemory) {
        let articles = items.map(BoilerplateArticle.init(item:))
        let votes = BoilerplateVoteTable(articles: articles, memory: memory)
        var html: [String] = []
        html.reserveCapacity(items.count)
        var updated = memory
        for (index, article) in articles.enumerated() {
            html.append(article.cleanedHTML(removing: article.removals(votes: votes, item: index)))
            updated.record(
                identity: article.identity, keys: article.memoryKeys(limit: FeedTemplateMemory.maximumKeys))
        }
        return (html, updated)
    }
}
