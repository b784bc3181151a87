/// One line of the digest's feed health section: the problem and its description in the digest's time zone.
public struct DigestHealthNote: Sendable {
    /// The problem as reported.
    public var problem: DigestFeedProblem
    /// What is wrong in words, e.g. "failing since Sat 28 Nov, 07:15: HTTP 503, Service Unavailable".
    public var text: String

    /// The feed's title.
    public var feedTitle: String { problem.feedTitle }
    /// The feed's URL.
    public var url: String { problem.url }

    /// Creates a note.
    public init(problem: DigestFeedProblem, text: String) {
        self.problem = problem
        self.text = text
    }
}
