import FeedModel

/// When two articles with different links are one story: the thresholds of near-duplicate matching.
public enum StoryMatching {
    /// The least estimated Jaccard similarity of two texts' shingles for one story. An edited copy (an added
    /// "UPDATE:" line, a dropped last paragraph) stays well above it; two stories on one subject, which share
    /// names and phrases but few runs of four words, stay far below.
    public static let threshold = 0.5
    /// The most that two copies' dates (publication, else arrival) may differ: a story is syndicated within days,
    /// while a text repeated months later (an anniversary re-run) is a new story.
    public static let window: Double = 4 * 86_400

    /// Texts with fewer shingles than this are short: an automatic alert, a brief. Their near-duplicates must
    /// also state the same facts (`factsDiffer`).
    public static let shortShingles = 80

    /// True when two short texts that read alike state different facts: each has numbers the other lacks ("M 5.5 –
    /// 43 km S of Kodiak" against "M 5.4 – 12 km N of Ridgecrest"), or each names places or people the other does
    /// not. A copy that drops or adds a sentence keeps its numbers a subset of the other's, and stays one story.
    public static func factsDiffer(_ a: String, _ b: String) -> Bool {
        let (first, second) = (EventTokens(title: nil, text: a), EventTokens(title: nil, text: b))
        func conflict(_ x: Set<String>, _ y: Set<String>) -> Bool {
            !x.isEmpty && !y.isEmpty && !x.isSubset(of: y) && !y.isSubset(of: x)
        }
        return conflict(first.numbers, second.numbers) || conflict(first.names, second.names)
    }
}
