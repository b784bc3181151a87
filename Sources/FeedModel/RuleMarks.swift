/// What the owner's rules decided for one article (`[[rule]]` in feedd.toml), carried from the pipeline to the store.
///
/// Empty for an article no rule touched. The store records `names` as the rules that touched it, and acts on the
/// rest when it inserts the article; an article already stored keeps its marks (`feedctl rules apply` changes
/// stored ones).
public struct RuleMarks: Sendable, Hashable {
    /// The rules that touched the article, in file order, each once.
    public var names: [String] = []
    /// Never store it, and remember it like a removed article: a `drop` rule matched, or `keep` rules cover the
    /// article's feed and none of them matched.
    public var drop = false
    /// Store it as read.
    public var read = false
    /// Store it starred.
    public var star = false
    /// Show it first in the digest, in its own section.
    public var highlight = false
    /// Tags to give it, each once.
    public var tags: [String] = []
    /// Notification sinks to tell about it, each once.
    public var notify: [String] = []
    /// For each sink of `notify`, the rule that asked for it (the first, when several did).
    public var notifiedBy: [String: String] = [:]

    public init() {}

    /// True when no rule touched the article.
    public var isEmpty: Bool { names.isEmpty }
}
