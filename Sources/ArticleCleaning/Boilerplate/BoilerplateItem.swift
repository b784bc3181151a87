/// One item of one fetch of one feed, as the boilerplate remover sees it.
public struct BoilerplateItem: Sendable {
    /// The entry's guid: stable for one item across fetches, so its earlier copy in memory is recognised.
    public var identity: String
    /// The sanitized content HTML, as FeedParsing writes it.
    public var html: String
    /// The entry's title, if any; a first block equal to it is dropped and it is a slot in template keys.
    public var title: String?
    /// The entry's link, if any; a slot in template keys.
    public var link: String?

    public init(identity: String, html: String, title: String?, link: String?) {
        self.identity = identity
        self.html = html
        self.title = title
        self.link = link
    }
}
