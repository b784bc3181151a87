/// What a Fever `mark` request changes.
enum FeverMark: Sendable, Equatable {
    /// What `as` asks of one item.
    enum ItemChange: String, Sendable {
        case read, unread, saved, unsaved
    }

    /// `mark=item&as=…&id=N`: the item's story is read or unread, or the item saved or unsaved.
    case item(Int64, ItemChange)
    /// `mark=feed&as=read&id=N&before=EPOCH`: the feed's articles first seen before `before`, and their stories.
    case feed(Int64, before: Int64)
    /// `mark=group&as=read&id=N&before=EPOCH`: the same for every feed of a group; group 0 is every feed.
    case group(Int64, before: Int64)
}
