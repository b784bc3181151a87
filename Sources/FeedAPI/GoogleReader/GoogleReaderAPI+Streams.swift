import FeedStore
import Foundation

/// Reading streams: `stream/contents`, `stream/items/ids`, `stream/items/contents` and the Atom streams.
extension GoogleReaderAPI {
    /// A stream id resolved against the store: the filter it stands for and the title to give it.
    struct ResolvedStream: Sendable {
        var id: StreamID
        var filter: StreamFilter?
        var title: String
        /// A state feedd keeps no list of: nothing is in it.
        var isEmpty = false
    }

    func streamContents(_ streamText: String?, _ parameters: FormParameters) async throws(GoogleReaderError)
        -> APIResponse
    {
        let stream = try await resolve(streamText)
        let query = try await streamQuery(stream, parameters, maximum: Self.maximumItems)
        let page = try await page(query)
        let now = Int(Date().timeIntervalSince1970)
        return .json { json in
            GoogleReaderItemJSON.stream(
                id: stream.id.text, title: stream.title, items: page.items, continuation: page.next?.token, now: now,
                into: &json)
        }
    }

    func itemIDs(_ parameters: FormParameters) async throws(GoogleReaderError) -> APIResponse {
        let stream = try await resolve(parameters.first("s"))
        let query = try await streamQuery(stream, parameters, maximum: Self.maximumIDs)
        var page = StreamPage<StreamItemReference>(items: [], next: nil)
        if let query {
            page = try await read { store throws(StoreError) in try store.streamItemReferences(query) }
        }
        return .json { json in
            json.beginObject()
            json.key("itemRefs")
            json.beginArray()
            for reference in page.items {
                json.beginObject()
                json.field("id", String(reference.id))
                json.field("directStreamIds", strings: ["feed/\(reference.feedID)"])
                json.field("timestampUsec", String(Int64((reference.sortAt * 1_000_000).rounded())))
                json.endObject()
            }
            json.endArray()
            if let next = page.next {
                json.field("continuation", next.token)
            }
            json.endObject()
        }
    }

    func itemContents(_ parameters: FormParameters, userAgent: String?) async throws(GoogleReaderError)
        -> APIResponse
    {
        let texts = parameters.all("i")
        guard texts.count <= Self.maximumItems else {
            throw GoogleReaderError(400, "at most \(Self.maximumItems) i= per request, not \(texts.count)")
        }
        let requested = try ItemID.parse(texts, userAgent: userAgent)
        let items = try await read { store throws(StoreError) in try store.streamItems(ids: requested) }
        let now = Int(Date().timeIntervalSince1970)
        return .json { json in
            GoogleReaderItemJSON.stream(
                id: StreamID.readingList.text, title: nil, items: items, continuation: nil, now: now, into: &json)
        }
    }

    func atom(_ streamText: String?, request: APIRequest) async throws(GoogleReaderError) -> APIResponse {
        let stream = try await resolve(streamText)
        let query = try await streamQuery(stream, request.parameters, maximum: Self.maximumItems)
        let page = try await page(query)
        let selfURL = environment.baseURL(for: request) + request.path
        let body = GoogleReaderAtom.feed(
            stream: stream.id.text, title: stream.title, items: page.items, continuation: page.next?.token,
            selfURL: selfURL, now: Date())
        return APIResponse(contentType: "application/atom+xml; charset=utf-8", body: body)
    }

    /// A page of items, or an empty one when nothing can match.
    private func page(_ query: StreamQuery?) async throws(GoogleReaderError) -> StreamPage<StreamItem> {
        guard let query else { return StreamPage(items: [], next: nil) }
        return try await read { store throws(StoreError) in try store.streamItems(query) }
    }

    /// The stream a `s=` or path names (the reading list when none), with its feed looked up.
    func resolve(_ text: String?) async throws(GoogleReaderError) -> ResolvedStream {
        guard let text, !text.isEmpty else {
            return ResolvedStream(id: .readingList, filter: nil, title: "Reading list")
        }
        let id = try StreamID(parsing: text)
        switch id {
        case .readingList: return ResolvedStream(id: id, filter: nil, title: "Reading list")
        case .starred: return ResolvedStream(id: id, filter: .starred, title: "Starred")
        case .read: return ResolvedStream(id: id, filter: .read, title: "Read")
        case .highlights: return ResolvedStream(id: id, filter: .highlighted, title: "Highlights")
        case .label(let label): return ResolvedStream(id: id, filter: .label(label), title: label)
        case .unkeptState(let state): return ResolvedStream(id: id, filter: nil, title: state, isEmpty: true)
        case .feed, .feedURL:
            let feed = try await subscription(id)
            return ResolvedStream(id: id, filter: .feed(feed.id), title: feed.displayTitle)
        }
    }

    /// The subscription of a `feed/ID` or `feed/URL` stream id; a 400 when there is none.
    func subscription(_ id: StreamID) async throws(GoogleReaderError) -> StoredFeed {
        let reference: String
        switch id {
        case .feed(let number): reference = String(number)
        case .feedURL(let url): reference = url
        default: throw GoogleReaderError(400, "'\(id.text)' is not a feed: expected feed/ID or feed/URL")
        }
        let found = try await read { store throws(StoreError) in try store.findSubscription(reference) }
        guard let found else {
            throw GoogleReaderError(400, "unknown stream id '\(id.text)': no such feed")
        }
        return found
    }

    /// The query of a stream page from `n`, `c`, `ot`, `nt`, `r`, `xt` and `it`; nil when nothing can match (the
    /// stream, or an `it`, is a state feedd keeps no list of). Parameters are checked either way.
    func streamQuery(_ stream: ResolvedStream, _ parameters: FormParameters, maximum: Int)
        async throws(GoogleReaderError) -> StreamQuery?
    {
        var matchesNothing = stream.isEmpty
        var query = StreamQuery()
        if let filter = stream.filter {
            query.filters.append(filter)
        }
        query.limit = 20
        if let text = parameters.first("n") {
            guard let count = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw GoogleReaderError(400, "n=\(text) is not a number of items")
            }
            query.limit = min(max(count, 1), maximum)
        }
        if let text = parameters.first("c"), !text.isEmpty {
            guard let position = StreamPosition(token: text) else {
                throw GoogleReaderError(400, "c=\(text) is not a continuation this server gave")
            }
            query.after = position
        }
        // `ot` is where a sync starts (items newer than it: NetNewsWire and Read You send the time of their last
        // sync) and `nt` where it stops, as FreshRSS and Miniflux read them, despite the names.
        query.newerThan = try Self.seconds(parameters, "ot")
        query.olderThan = try Self.seconds(parameters, "nt")
        query.oldestFirst = parameters.first("r") == "o"
        // Each distinct value is one condition; SQLite refuses a statement with hundreds of them, and no app sends
        // more than two or three.
        let excluded = Self.distinct(parameters.all("xt"))
        let included = Self.distinct(parameters.all("it"))
        guard excluded.count + included.count <= Self.maximumStateFilters else {
            throw GoogleReaderError(
                400,
                "at most \(Self.maximumStateFilters) distinct xt= and it= values, not "
                    + "\(excluded.count + included.count)")
        }
        for text in excluded {
            if let filter = try await resolve(text).filter {
                query.exclusions.append(filter)
            }
        }
        for text in included {
            let included = try await resolve(text)
            matchesNothing = matchesNothing || included.isEmpty
            if let filter = included.filter {
                query.filters.append(filter)
            }
        }
        return matchesNothing ? nil : query
    }

    /// How many distinct `xt=` and `it=` values one request may have.
    static let maximumStateFilters = 16

    /// The non-empty values of `values`, each once, in order.
    private static func distinct(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// A parameter in seconds since 1970, or nil when absent; a 400 when it is not a number.
    private static func seconds(_ parameters: FormParameters, _ name: String) throws(GoogleReaderError) -> Date? {
        guard let text = parameters.first(name), !text.isEmpty else { return nil }
        guard let seconds = Int64(text) else {
            throw GoogleReaderError(400, "\(name)=\(text) is not a time in seconds since 1970")
        }
        return Date(timeIntervalSince1970: Double(seconds))
    }
}
