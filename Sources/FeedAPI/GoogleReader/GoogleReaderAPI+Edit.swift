import FeedStore
import Foundation

/// Marks: `edit-tag` (read, starred, labels) and `mark-all-as-read`.
extension GoogleReaderAPI {
    func editTags(_ parameters: FormParameters, userAgent: String?) async throws(GoogleReaderError) -> APIResponse {
        let ids = try ItemID.parse(parameters.all("i"), userAgent: userAgent)
        guard !ids.isEmpty else {
            throw GoogleReaderError(400, "edit-tag needs at least one i=ITEM")
        }
        var edits: [(TagEdit, add: Bool)] = []
        for (name, add) in [("a", true), ("r", false)] {
            for text in parameters.all(name) where !text.isEmpty {
                edits.append((try Self.tagEdit(text), add))
            }
        }
        let changes = edits
        let items = ids
        _ = try await write { store throws(StoreError) in
            for (edit, add) in changes {
                switch edit {
                case .read: try store.setStoriesRead(items, read: add)
                case .starred: try store.setStoriesStarred(items, starred: add)
                case .label(let label): try store.setArticleLabel(label, on: items, present: add)
                case .ignored: break
                }
            }
        }
        return .text("OK")
    }

    func markAllAsRead(_ parameters: FormParameters) async throws(GoogleReaderError) -> APIResponse {
        guard let text = parameters.first("s"), !text.isEmpty else {
            throw GoogleReaderError(400, "mark-all-as-read needs s=STREAM")
        }
        let stream = try await resolve(text)
        if stream.isEmpty {
            return .text("OK")
        }
        var until = Date()
        if let ts = parameters.first("ts"), !ts.isEmpty {
            guard let microseconds = Int64(ts) else {
                throw GoogleReaderError(400, "ts=\(ts) is not a time in microseconds since 1970")
            }
            until = Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
        }
        let query = StreamQuery(filters: stream.filter.map { [$0] } ?? [])
        let limit = until
        _ = try await write { store throws(StoreError) in try store.markStreamRead(query, until: limit) }
        return .text("OK")
    }

    /// What one `a=` or `r=` of edit-tag changes.
    enum TagEdit: Sendable {
        case read, starred, label(String), ignored
    }

    static func tagEdit(_ text: String) throws(GoogleReaderError) -> TagEdit {
        switch try StreamID(parsing: text) {
        case .read: return .read
        case .starred: return .starred
        case .label(let label): return .label(label)
        case .unkeptState: return .ignored
        case .highlights:
            throw GoogleReaderError(400, "user/-/label/feedd/highlights is set by the rules' highlight, not by apps")
        default:
            throw GoogleReaderError(400, "'\(text)' cannot be set on items: expected a read, starred or label id")
        }
    }
}
