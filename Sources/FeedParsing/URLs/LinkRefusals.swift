import FeedModel
import Foundation

/// Collects the URL fields `LinkPolicy` refused in one document, from whichever thread finishes an entry, so the
/// document can list them among its problems.
///
/// Thread-safe (a lock guards everything). At most `maximumListed` refusals are kept word for word; the rest are
/// counted.
final class LinkRefusals: @unchecked Sendable {
    // Unchecked: `messages` and `count` are only touched under `lock`.
    private let lock = NSLock()
    private var messages: [String] = []
    private var count = 0

    static let maximumListed = 20

    /// Records the refusals of the entry whose id is `entryID`, or of the feed itself when it is nil.
    func record(_ refusals: [LinkRefusal], entryID: String?) {
        guard !refusals.isEmpty else { return }
        let owner = entryID.map { "entry \"\(LinkRefusal(field: "", reference: $0, reason: "").shownReference)\"" }
        record(refusals, owner: owner ?? "the feed")
    }

    /// Records refusals in what `owner` names ("the feed", "an entry").
    func record(_ refusals: [LinkRefusal], owner: String) {
        guard !refusals.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        for refusal in refusals {
            count += 1
            guard messages.count < Self.maximumListed else { continue }
            messages.append(
                "\(refusal.field) \"\(refusal.shownReference)\" of \(owner) dropped: \(refusal.reason)")
        }
    }

    /// One problem per refusal listed, then one that counts the others.
    var problems: [ParseProblem] {
        lock.lock()
        defer { lock.unlock() }
        var problems = messages.map { ParseProblem(line: 0, message: $0) }
        if count > messages.count {
            let more = count - messages.count
            problems.append(ParseProblem(line: 0, message: "\(more) more URL\(more == 1 ? "" : "s") dropped"))
        }
        return problems
    }
}
