import FeedStore
import Foundation

/// A Fever API request, read from its parameters before anything touches the store.
///
/// Fever names what it wants with bare parameters (`?api&items&since_id=12`); one request may ask for several
/// things, and a `mark` is applied before they are read. Every number is parsed here, so the store only ever gets
/// integers to bind.
struct FeverRequest: Sendable, Equatable {
    /// `with_ids` takes at most this many ids, as Fever's documentation says.
    static let maximumWithIDs = 50

    var mark: FeverMark?
    var groups = false
    var feeds = false
    var favicons = false
    /// The items asked for, or nil without `items`.
    var items: FeverItemSelection?
    var unreadItemIDs = false
    var savedItemIDs = false
    var links = false

    init(_ parameters: FormParameters) throws(FeverRequestError) {
        groups = parameters.contains("groups")
        feeds = parameters.contains("feeds")
        favicons = parameters.contains("favicons")
        unreadItemIDs = parameters.contains("unread_item_ids")
        savedItemIDs = parameters.contains("saved_item_ids")
        links = parameters.contains("links")
        if parameters.contains("items") {
            items = try Self.itemSelection(parameters)
        }
        if let kind = parameters.first("mark") {
            mark = try Self.mark(kind, parameters)
        }
    }

    /// `with_ids`, else `since_id` above 0, else `max_id` above 0, else the first page (Miniflux's reading of an
    /// `items` request without paging: ids above 0, lowest first).
    static func itemSelection(_ parameters: FormParameters) throws(FeverRequestError) -> FeverItemSelection {
        if let list = parameters.first("with_ids"), !list.isEmpty {
            var ids: [Int64] = []
            for field in list.split(separator: ",") {
                let text = field.trimmingCharacters(in: .whitespaces)
                guard let id = Int64(text) else {
                    throw FeverRequestError(
                        message: "with_ids must be item ids separated by commas, got \(FeverRequestError.quote(text))")
                }
                ids.append(id)
                guard ids.count <= maximumWithIDs else {
                    throw FeverRequestError(message: "with_ids takes at most \(maximumWithIDs) ids")
                }
            }
            return .ids(ids)
        }
        if let since = try optionalNumber("since_id", parameters), since > 0 {
            return .after(since)
        }
        if let max = try optionalNumber("max_id", parameters), max > 0 {
            return .before(max)
        }
        return .after(0)
    }

    static func mark(_ kind: String, _ parameters: FormParameters) throws(FeverRequestError) -> FeverMark {
        let change = parameters.first("as") ?? ""
        let id = try requiredNumber("id", parameters)
        switch kind {
        case "item":
            guard let change = FeverMark.ItemChange(rawValue: change) else {
                throw FeverRequestError(
                    message: "mark=item takes as=read, unread, saved or unsaved, got \(FeverRequestError.quote(change))"
                )
            }
            return .item(id, change)
        case "feed", "group":
            guard change == "read" else {
                throw FeverRequestError(message: "mark=\(kind) takes as=read, got \(FeverRequestError.quote(change))")
            }
            let before = try requiredNumber("before", parameters)
            return kind == "feed" ? .feed(id, before: before) : .group(id, before: before)
        default:
            throw FeverRequestError(message: "mark takes item, feed or group, got \(FeverRequestError.quote(kind))")
        }
    }

    /// The integer value of `name`, or nil when it is absent or empty.
    private static func optionalNumber(_ name: String, _ parameters: FormParameters) throws(FeverRequestError)
        -> Int64?
    {
        guard let text = parameters.first(name), !text.isEmpty else { return nil }
        guard let value = Int64(text) else {
            throw FeverRequestError(message: "\(name) must be an integer, got \(FeverRequestError.quote(text))")
        }
        return value
    }

    private static func requiredNumber(_ name: String, _ parameters: FormParameters) throws(FeverRequestError)
        -> Int64
    {
        guard let value = try optionalNumber(name, parameters) else {
            throw FeverRequestError(message: "mark needs \(name)")
        }
        return value
    }
}
