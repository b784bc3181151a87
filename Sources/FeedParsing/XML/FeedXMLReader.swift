internal import FeedHTML
import FeedModel
import Foundation

/// Turns the SAX events of an RSS, RDF or Atom document into a `FeedDocument`, handing each entry over as
/// soon as its end tag is read, so memory stays bounded by one entry whatever the document's size.
///
/// Elements are recognised by namespace URI and local name, in the context of their ancestors (the `title` of a
/// channel's `image` is not the feed's title; an entry's `atom:source` is not the entry). One instance per
/// document; not thread-safe.
final class FeedXMLReader: XMLEventSink {
    /// What the root element said the document is; nil until it has been seen.
    private(set) var format: FeedFormat?
    private(set) var version = ""
    /// Set when the root element is not a feed's: its name.
    private(set) var foreignRoot: String?
    private(set) var problems: [ParseProblem] = []
    private(set) var problemCount = 0

    let documentURL: String?
    /// Where the URL fields refused by `LinkPolicy` are recorded, by this reader and by whoever finishes entries.
    let linkRefusals: LinkRefusals
    /// Receives each entry as its end tag is read, with the base for its relative links, to finish it.
    private let deliver: (EntryAccumulator, String?) -> Void
    // The three properties every SAX event touches, some several times, without the runtime's exclusivity checks,
    // whose bookkeeping cost more than the work they guarded: a reader belongs to one thread, and no method holds
    // one of them across a call that could reach it again (the tests passed with the checks on before they went).
    @exclusivity(unchecked) private var names = XMLNameCache()
    @exclusivity(unchecked) private var stack: [Frame] = []
    var feed = FeedAccumulator()
    var entry: EntryAccumulator?
    @exclusivity(unchecked) private var capture: Capture?
    /// The Atom person construct being read.
    var person = Author()
    /// Set by the owner so the reader can stop the parse (the root is not a feed, or the document is too deep).
    var stopParsing: (() -> Void)?
    /// The fallback base last computed from the channel link, with the link it came from: every entry needs it,
    /// and judging the link through `LinkPolicy` for each entry was 3 % of the whole parse of a 50 MB feed.
    private var cachedFallbackBase: (raw: String?, base: String?, value: String?)?

    static let maximumProblems = 50
    static let maximumFieldBytes = 8 << 20

    init(
        documentURL: String?, linkRefusals: LinkRefusals, deliver: @escaping (EntryAccumulator, String?) -> Void
    ) {
        self.documentURL = documentURL
        self.linkRefusals = linkRefusals
        self.deliver = deliver
    }

    /// The feed's own fields (no entries) once the document has ended.
    func document() -> FeedDocument {
        var document = FeedDocument(format: format ?? .rss, version: version)
        feed.finish(into: &document, documentURL: documentURL, refusals: linkRefusals)
        return document
    }

    /// Called after the last event: an entry left open by a truncated document is still delivered.
    func endDocument() {
        if let capture {
            self.capture = nil
            finishCapture(capture)
        }
        deliverEntry()
    }

    /// Hands the open entry, if any, to `onEntry`.
    func deliverEntry() {
        guard let finished = entry.take() else { return }
        deliver(finished, fallbackBase())
    }

    /// The base for links that have none of their own (see `FeedAccumulator.fallbackBase`), computed again only
    /// when the channel link has changed.
    func fallbackBase() -> String? {
        if let documentURL { return documentURL }
        let link = feed.link
        if let cached = cachedFallbackBase, cached.raw == link?.raw, cached.base == link?.base { return cached.value }
        let value = feed.fallbackBase(documentURL: nil)
        cachedFallbackBase = (link?.raw, link?.base, value)
        return value
    }

    // MARK: - Events

    func startElement(_ name: XMLName, attributes: XMLAttributes) {
        if stack.count >= FeedLimits.depth {
            problem(line: 0, message: "elements nested more than \(FeedLimits.depth) deep; the rest is not read")
            stopParsing?()
            return
        }
        if capture != nil {
            captureStart(name, attributes: attributes)
            return
        }
        let namespace = names.namespace(of: name)
        let local = names.localName(name.localName)
        let parentBase = stack.last?.base ?? documentURL
        var base = parentBase
        if let xmlBase = attributes.value("base", namespace: "http://www.w3.org/XML/1998/namespace") {
            base = URLResolver.resolve(xmlBase, against: parentBase) ?? parentBase
        }
        let parentRole = stack.last?.role ?? .document
        let role = classify(namespace, local, parent: parentRole, attributes: attributes, base: base)
        if stack.isEmpty, foreignRoot != nil, let uri = name.namespaceURI {
            // Say which namespace, or "<rss> is not <rss>" makes no sense.
            foreignRoot = "\(local) xmlns=\"\(String(cString: uri))\""
        }
        stack.append(Frame(role: role, base: base))
    }

    func endElement(_ name: XMLName) {
        if let depth = capture?.depth {
            if stack.count > depth + 1 {
                // The end of an element nested inside the captured field. (Mutated in place: a copy of the
                // capture would copy its buffer.)
                if stack.removeLast().role != .wrapper { capture!.appendEndTag(name) }
                return
            }
            let finished = capture!
            capture = nil
            stack.removeLast()
            finishCapture(finished)
            return
        }
        guard let frame = stack.popLast() else { return }
        if case .person(let isEntry) = frame.role { finishPerson(isEntry: isEntry) }
        if frame.role == .entry { deliverEntry() }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        // One access to `capture`: escaped HTML arrives in many small pieces, one call per piece.
        if capture?.appendText(text, cuttingOffAt: Self.maximumFieldBytes) == true {
            problem(line: 0, message: "a field is larger than \(Self.maximumFieldBytes >> 20) MiB; cut off there")
        }
    }

    func problem(line: Int, message: String) {
        problemCount += 1
        if problems.count < Self.maximumProblems {
            problems.append(ParseProblem(line: line, message: message))
        }
    }

    // MARK: - Capture of nested markup

    private func captureStart(_ name: XMLName, attributes: XMLAttributes) {
        guard capture != nil else { return }
        let isWrapper =
            capture!.unwrapXHTMLDiv && stack.count == capture!.depth + 1 && !capture!.sawWrapper
            && names.namespace(of: name) == .xhtml && equals(name.localName, "div")
        if isWrapper {
            capture!.sawWrapper = true
        } else {
            capture!.appendStartTag(name, attributes: attributes)
        }
        stack.append(Frame(role: isWrapper ? .wrapper : .markup, base: stack.last?.base))
    }

    func beginCapture(_ field: Field, kind: TextKind = .text, base: String?, unwrapXHTMLDiv: Bool = false) {
        capture = Capture(field: field, kind: kind, base: base, depth: stack.count, unwrapXHTMLDiv: unwrapXHTMLDiv)
    }

    // MARK: - Entries and the feed

    var isInEntry: Bool { entry != nil }

    func startEntry() {
        entry = EntryAccumulator()
    }

    func setRoot(format: FeedFormat, version: String) {
        self.format = format
        self.version = version
    }

    func rejectRoot(_ name: String) {
        foreignRoot = name
        stopParsing?()
    }
}

extension FeedXMLReader {
    /// One open element: what it means here and the base URL in effect inside it.
    struct Frame {
        var role: Role
        var base: String?
    }

    /// What an open element is, as far as the reader cares.
    enum Role: Equatable {
        case document
        case root
        case channel
        case entry
        /// A channel's image: its url is the feed's image; its title and link are not the feed's.
        case channelImage
        /// A person construct (Atom author) of the entry or the feed.
        case person(isEntry: Bool)
        /// media:group, media:content: their children describe the entry's media.
        case mediaContainer
        /// A field being captured (its text goes to `capture`).
        case field
        /// Markup nested inside a captured field.
        case markup
        /// The `xhtml:div` that wraps Atom XHTML content and is not part of it.
        case wrapper
        /// An element whose whole subtree is of no interest (atom:source, textInput, itunes:owner, …).
        case ignored
        /// Anything else: its children are still looked at in the parent's context.
        case transparent
    }
}
