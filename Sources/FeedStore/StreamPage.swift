/// One page of a stream: its items, and where the next page starts when there may be one.
public struct StreamPage<Item: Sendable & Equatable>: Sendable, Equatable {
    public var items: [Item]
    /// The last item's position when more items follow it; nil on the last page.
    public var next: StreamPosition?

    public init(items: [Item], next: StreamPosition?) {
        self.items = items
        self.next = next
    }
}
