/// How long the phases of a transfer took, in seconds from its start, as libcurl measured them.
///
/// Each value is cumulative (connect includes name lookup) and covers the whole redirect chain.
public struct FetchTimings: Sendable, Equatable {
    public var nameLookup: Double
    public var connect: Double
    /// Until the first byte of the final response arrived.
    public var firstByte: Double
    public var total: Double

    public init(nameLookup: Double = 0, connect: Double = 0, firstByte: Double = 0, total: Double = 0) {
        self.nameLookup = nameLookup
        self.connect = connect
        self.firstByte = firstByte
        self.total = total
    }
}
