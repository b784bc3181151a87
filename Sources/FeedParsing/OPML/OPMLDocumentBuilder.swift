/// Collects an `OPMLDocument` from the elements of an OPML file as the SAX parser reports them.
///
/// Folders (outlines without `xmlUrl`, unless `type="rss"`) push their name onto the tag path while open; feeds
/// (outlines with `xmlUrl`, whatever their type) take the path plus their `category` entries as tags. Outlines count
/// only inside `<body>`, directly or nested in other outlines; unknown elements and everything inside them are
/// ignored. Element and attribute names are compared ignoring ASCII case, since exporters disagree on it.
struct OPMLDocumentBuilder {
    /// Where in the document an open element is.
    private enum Frame {
        case opml, head, headTitle, body, ignored
        /// An outline; `isFolder` when it added a tag to `folderTags`.
        case outline(isFolder: Bool)
    }

    /// Why the builder wants the parse to end early.
    enum Stop {
        case notOPML(rootElement: String)
    }

    private var frames: [Frame] = []
    private var folderTags: [String] = []
    private var titleBytes: [UInt8] = []
    private var sawHeadTitle = false
    private var subscriptions: [OPMLSubscription] = []
    private var indexByURL: [String: Int] = [:]

    /// The document built so far.
    var document: OPMLDocument {
        let title = titleBytes.withUnsafeBufferPointer { OPMLText.clean($0, decodingAmpersandMarker: false) }
        return OPMLDocument(title: title.isEmpty ? nil : title, subscriptions: subscriptions)
    }

    /// Handles a start tag; returns a reason to stop when the document is not OPML.
    mutating func startElement(_ localName: UnsafePointer<UInt8>, attributes: OPMLAttributes) -> Stop? {
        guard let parent = frames.last else {
            guard OPMLText.nameEquals(localName, "opml") else {
                return .notOPML(rootElement: String(cString: localName))
            }
            frames.append(.opml)
            return nil
        }
        let frame: Frame
        switch parent {
        case .opml:
            if OPMLText.nameEquals(localName, "head") {
                frame = .head
            } else if OPMLText.nameEquals(localName, "body") {
                frame = .body
            } else {
                frame = .ignored
            }
        case .head:
            if !sawHeadTitle && OPMLText.nameEquals(localName, "title") {
                sawHeadTitle = true
                frame = .headTitle
            } else {
                frame = .ignored
            }
        case .body, .outline:
            frame = OPMLText.nameEquals(localName, "outline") ? outline(attributes) : .ignored
        case .headTitle, .ignored:
            frame = .ignored
        }
        frames.append(frame)
        return nil
    }

    mutating func endElement() {
        if case .outline(isFolder: true) = frames.popLast() {
            folderTags.removeLast()
        }
    }

    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if case .headTitle = frames.last {
            titleBytes.append(contentsOf: bytes)
        }
    }

    private mutating func outline(_ attributes: OPMLAttributes) -> Frame {
        let values = attributes.outlineValues()
        guard let url = values.xmlURL, !url.isEmpty else {
            if let type = values.type, type.lowercased() == "rss" { return .outline(isFolder: false) }
            guard let name = values.title ?? values.text, !name.isEmpty else { return .outline(isFolder: false) }
            folderTags.append(name)
            return .outline(isFolder: true)
        }
        var tags: [String] = []
        for tag in folderTags + (values.category.map(OPMLText.categoryTags) ?? []) where !tags.contains(tag) {
            tags.append(tag)
        }
        if let index = indexByURL[url] {
            for tag in tags where !subscriptions[index].tags.contains(tag) {
                subscriptions[index].tags.append(tag)
            }
            return .outline(isFolder: false)
        }
        var title = values.title ?? values.text
        if title == url || title?.isEmpty == true { title = nil }
        let siteURL = values.htmlURL.flatMap { $0.isEmpty ? nil : $0 }
        indexByURL[url] = subscriptions.count
        subscriptions.append(OPMLSubscription(url: url, title: title, siteURL: siteURL, tags: tags))
        return .outline(isFolder: false)
    }
}
