/// A Google Reader stream id: a feed, a label, or one of the states (reading list, starred, read).
///
/// Feeds are `feed/12` (feedd's id) or `feed/URL` (FreshRSS's form); the user part of `user/-/…` may also be the
/// account's name or a number, which clients copy from `user-info`.
enum StreamID: Sendable, Hashable {
    case readingList
    case starred
    case read
    /// `user/-/label/feedd/highlights`: articles a rule highlighted.
    case highlights
    case label(String)
    case feed(Int64)
    case feedURL(String)
    /// A state clients set or read that feedd keeps no list of (`broadcast`, `kept-unread`, `tracking-…`): an
    /// empty stream, and a mark that changes nothing. newsboat lists `broadcast` as its "shared items" feed.
    case unkeptState(String)

    static let highlightsLabel = "feedd/highlights"
    static let unkeptStates: Set<String> = ["kept-unread", "broadcast", "broadcast-friends", "like", "fresh"]

    /// Reads a stream id; throws a 400 that names it when it is none of the known forms.
    init(parsing text: String) throws(GoogleReaderError) {
        if text.hasPrefix("feed/") {
            let rest = String(text.dropFirst(5))
            if let id = Int64(rest) {
                self = .feed(id)
                return
            }
            guard !rest.isEmpty else { throw Self.unknown(text) }
            self = .feedURL(rest)
            return
        }
        guard text.hasPrefix("user/"), let slash = text.dropFirst(5).firstIndex(of: "/") else {
            throw Self.unknown(text)
        }
        let rest = text[text.index(after: slash)...]
        if rest.hasPrefix("label/"), rest.count > 6 {
            let label = String(rest.dropFirst(6))
            self = label == Self.highlightsLabel ? .highlights : .label(label)
            return
        }
        switch rest {
        case "state/com.google/reading-list": self = .readingList
        case "state/com.google/starred": self = .starred
        case "state/com.google/read": self = .read
        default:
            let state = rest.dropFirst("state/com.google/".count)
            guard rest.hasPrefix("state/com.google/"),
                Self.unkeptStates.contains(String(state))
                    || (state.hasPrefix("tracking-") && state.count > 9)
            else {
                throw Self.unknown(text)
            }
            self = .unkeptState(String(state))
        }
    }

    /// The id in its canonical form (`user/-/…`, `feed/ID` or `feed/URL`).
    var text: String {
        switch self {
        case .readingList: "user/-/state/com.google/reading-list"
        case .starred: "user/-/state/com.google/starred"
        case .read: "user/-/state/com.google/read"
        case .highlights: "user/-/label/" + Self.highlightsLabel
        case .label(let label): "user/-/label/" + label
        case .feed(let id): "feed/\(id)"
        case .feedURL(let url): "feed/" + url
        case .unkeptState(let state): "user/-/state/com.google/" + state
        }
    }

    /// The label of a `user/-/label/X` id (highlights included), else nil.
    var label: String? {
        switch self {
        case .highlights: Self.highlightsLabel
        case .label(let label): label
        default: nil
        }
    }

    private static func unknown(_ text: String) -> GoogleReaderError {
        GoogleReaderError(
            400,
            "unknown stream id '\(text)': expected feed/ID, feed/URL, user/-/label/NAME or "
                + "user/-/state/com.google/(reading-list|starred|read)")
    }
}
