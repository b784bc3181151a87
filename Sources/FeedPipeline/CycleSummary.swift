/// What one fetch cycle did, for the daemon's log line and status.
public struct CycleSummary: Sendable, Equatable {
    public var feeds = 0
    /// 2xx responses parsed and stored.
    public var fetched = 0
    public var notModified = 0
    public var failed = 0
    public var gone = 0
    public var inserted = 0
    public var updated = 0
    /// New articles the owner's rules dropped.
    public var dropped = 0
    /// Bytes of response bodies after decoding.
    public var bytes = 0
    /// Feeds whose stored URL changed because of a permanent redirect.
    public var moved = 0
    /// Updates the store could not write (the disk is full, the file is damaged).
    public var storeErrors: [String] = []
    public var seconds = 0.0

    public init() {}
}
