/// When two articles with different links are one story: the thresholds of near-duplicate matching.
public enum StoryMatching {
    /// The least estimated Jaccard similarity of two texts' shingles for one story. An edited copy (an added
    /// "UPDATE:" line, a dropped last paragraph) stays well above it; two stories on one subject, which share
    /// names and phrases but few runs of four words, stay far below.
    public static let threshold = 0.5
    /// The most that two copies' dates (publication, else arrival) may differ: a story is syndicated within days,
    /// while a text repeated months later (an anniversary re-run) is a new story.
    public static let window: Double = 4 * 86_400
}
