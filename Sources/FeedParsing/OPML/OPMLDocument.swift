/// An OPML subscription list: the title from `<head>` and the feeds found in `<body>`, in document order.
public struct OPMLDocument: Sendable, Hashable {
    /// The text of `<head><title>`, if any.
    public var title: String?
    /// The feeds, each URL once (the first occurrence wins; later ones only add tags).
    public var subscriptions: [OPMLSubscription]

    public init(title: String? = nil, subscriptions: [OPMLSubscription] = []) {
        self.title = title
        self.subscriptions = subscriptions
    }
}
