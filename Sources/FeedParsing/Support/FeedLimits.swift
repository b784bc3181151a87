/// Caps on what one document may make the parser hold: a hostile feed must not turn a few megabytes of input into
/// gigabytes of memory or quadratic work. Real feeds stay far below each of them.
enum FeedLimits {
    static let categoriesPerItem = 256
    static let authorsPerItem = 64
    static let enclosuresPerItem = 256
    static let hubs = 16
    /// A JSON Feed's item larger than this is skipped (the XML path cuts a field at 8 MiB).
    static let jsonItemBytes = 8 << 20
    /// A JSON Feed's own member (title, authors, hubs…) larger than this is skipped.
    static let jsonMemberBytes = 1 << 20
    /// Element nesting; libxml2 2.9's push parser does not enforce its own limit.
    static let depth = 512
}

extension Array {
    /// Appends `element` unless the array already holds `limit` elements.
    mutating func append(_ element: Element, cappedAt limit: Int) {
        if count < limit { append(element) }
    }
}

extension Array where Element: Equatable {
    /// Appends `element` unless it is already there or the array already holds `limit` elements.
    mutating func appendUnique(_ element: Element, cappedAt limit: Int) {
        if count < limit && !contains(element) { append(element) }
    }
}
