/// A media file attached to an entry (RSS `enclosure`, Atom `link rel="enclosure"`, media:content,
/// JSON Feed attachments).
public struct Enclosure: Sendable, Hashable, Codable {
    /// Absolute URL of the file.
    public var url: String
    /// MIME type as published, if any.
    public var type: String?
    /// Size in bytes, when the feed gave a number.
    public var length: Int?
    /// Duration in seconds (itunes:duration, media:content duration), when known.
    public var duration: Int?

    public init(url: String, type: String? = nil, length: Int? = nil, duration: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
        self.duration = duration
    }
}
