/// The fields the reader captures text for. Whether a field belongs to the feed or to an entry follows from
/// where it appears.
indirect enum Field {
    case title
    /// dc:title, media:title: the title when the element has none of its own.
    case fallbackTitle
    case subtitle
    case fallbackSubtitle
    case link
    case guid(isPermaLink: Bool)
    case atomID
    case summary
    case fallbackSummary
    case content
    /// A field whose text is base64 (Atom 0.3 `mode="base64"`, Atom 1.0 non-text media types).
    case base64(Field, mediaType: String)
    case published
    case updated
    case pubDate
    case lastBuildDate
    case dcDate
    case rssAuthor
    case dcCreator
    case itunesAuthor
    case category
    /// itunes:keywords: comma-separated categories.
    case keywords
    case comments
    case commentFeed
    /// feedburner:origLink: the publisher's own URL behind a redirecting link.
    case originalLink
    case commentCount
    case duration
    case language
    case rights
    case generator
    case ttl
    case imageURL
    case logo
    case icon
    case updatePeriod
    case updateFrequency
    case personName
    case personEmail
    case personURI
}
