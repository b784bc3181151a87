/// A piece of markup in HTML bytes, as `HTMLBytes.markup(in:at:)` reads it.
public enum HTMLMarkup: Sendable, Equatable {
    /// A start or end tag: its name's byte range (as written, any case) and the index just after its `>`.
    case tag(isEnd: Bool, name: Range<Int>, end: Int)
    /// A comment, declaration or processing instruction, to skip up to `end` (just after it).
    case other(end: Int)
}
