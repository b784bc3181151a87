/// One condition on an article of a reader app's stream: in a feed, with a label, starred, read or highlighted.
public enum StreamFilter: Sendable, Hashable {
    case feed(Int64)
    /// The label is the article's own tag (a rule's `tag:NAME`, an app's label) or one of its feed's tags.
    case label(String)
    case starred
    case read
    /// A rule's `highlight`.
    case highlighted
}
