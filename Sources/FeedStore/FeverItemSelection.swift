/// Which items a Fever `items` request asks for.
public enum FeverItemSelection: Sendable, Equatable {
    /// Items with ids above the given one, lowest first (`since_id`; 0 for the first page).
    case after(Int64)
    /// Items with ids below the given one, highest first (`max_id`).
    case before(Int64)
    /// Exactly these items, lowest first (`with_ids`); ids that are not items are left out.
    case ids([Int64])
}
