/// One notification, in the forms the kinds of sink take it.
public struct NotificationMessage: Sendable, Equatable {
    /// The full JSON document: a webhook's body and an exec sink's standard input.
    public var json: [UInt8]
    /// A short title: ntfy's Title header (line breaks are removed and it is shortened there).
    public var title: String
    /// The plain-text message: ntfy's body (cut to 4,000 bytes there).
    public var text: String
    /// A URL to open when the notification is tapped: ntfy's Click header.
    public var click: String?

    public init(json: [UInt8], title: String, text: String, click: String? = nil) {
        self.json = json
        self.title = title
        self.text = text
        self.click = click
    }
}
