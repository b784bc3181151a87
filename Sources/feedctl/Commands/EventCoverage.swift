import FeedModel
import FeedStore

/// Which listed stories report one event, for "also covered by N outlets" in `articles --unique`.
struct EventCoverage {
    private var byArticle: [Int64: StoryEvents.Coverage] = [:]

    /// Relates the stories of `articles` (one article per story, as a unique listing has them, with content).
    init(_ articles: [StoredArticle]) {
        let stories = articles.map { article in
            StoryEvents.Story(
                id: article.story, feeds: Set([article.feed.id] + article.alsoIn.map(\.id)),
                published: (article.published ?? article.fetched).timeIntervalSince1970,
                tokens: EventTokens(title: article.title, text: article.contentText))
        }
        for (article, coverage) in zip(articles, StoryEvents.coverage(of: stories)) {
            if let coverage { byArticle[article.id] = coverage }
        }
    }

    subscript(article: Int64) -> StoryEvents.Coverage? { byArticle[article] }
}
