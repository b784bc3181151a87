import FeedStore

/// The Fever groups of a set of feeds: one group per distinct feed tag, ordered by name.
///
/// A group's id is a stable hash of its tag (FNV-1a of the UTF-8 bytes, folded into a positive 31-bit integer), so
/// it stays the same across requests, restarts and feeds added or removed: clients keep groups by id. Should two
/// tags hash to the same id, the later one by name takes the next free id, which changes only if the earlier one
/// goes away. Id 0 is never given: Fever's `mark=group&id=0` means every feed.
struct FeverGroups: Sendable {
    struct Group: Sendable, Equatable {
        var id: Int64
        var title: String
        /// The feeds tagged with it, by id.
        var feedIDs: [Int64]
    }

    let groups: [Group]

    init(feeds: [FeverFeed]) {
        var members: [String: [Int64]] = [:]
        for feed in feeds {
            for tag in Set(feed.tags) {
                members[tag, default: []].append(feed.id)
            }
        }
        var taken = Set<Int64>()
        groups = members.keys.sorted().map { tag in
            var id = Self.id(of: tag)
            while !taken.insert(id).inserted {
                id = id % Self.idLimit + 1
            }
            return Group(id: id, title: tag, feedIDs: (members[tag] ?? []).sorted())
        }
    }

    /// The group with id `id`, or nil.
    func group(id: Int64) -> Group? {
        groups.first { $0.id == id }
    }

    /// The largest group id: Fever clients read ids as signed 32-bit integers.
    static let idLimit: Int64 = 0x7FFF_FFFF

    /// The id a tag gets unless another tag took it: 1 … `idLimit`.
    static func id(of tag: String) -> Int64 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in tag.utf8 {
            hash ^= UInt32(byte)
            hash &*= 0x0100_0193
        }
        let folded = Int64(hash & 0x7FFF_FFFF)
        return folded == 0 ? 1 : folded
    }
}
