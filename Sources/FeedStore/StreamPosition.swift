/// Where a page of a stream ended: the last item's sort time and id, for the next page's keyset.
///
/// Its `token` is the continuation string reader apps echo back; it holds the sort time's exact bits, so the next
/// page starts right after the last item even when many share a second.
public struct StreamPosition: Sendable, Hashable {
    /// The item's `sort_at`, seconds since 1970.
    public var sortAt: Double
    public var id: Int64

    public init(sortAt: Double, id: Int64) {
        self.sortAt = sortAt
        self.id = id
    }

    /// Reads a token made by `token`; nil for any other text.
    public init?(token: String) {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 16, parts[0].allSatisfy(\.isHexDigit),
            let bits = UInt64(parts[0], radix: 16), let id = Int64(parts[1]), id >= 0
        else {
            return nil
        }
        let sortAt = Double(bitPattern: bits)
        guard sortAt.isFinite else { return nil }
        self.init(sortAt: sortAt, id: id)
    }

    /// The continuation string: the sort time's bits in hex, a dash, the id in decimal.
    public var token: String {
        String(sortAt.bitPattern, radix: 16) + "-" + String(id)
    }
}
