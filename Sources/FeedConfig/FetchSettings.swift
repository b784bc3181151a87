/// The `[fetch]` table: how often feeds are fetched and the limits of each transfer.
///
/// A loaded configuration guarantees `minInterval <= interval <= maxInterval` and that every duration is positive.
public struct FetchSettings: Sendable, Equatable {
    /// `interval`: how often each feed is fetched unless its `[[feed]]` entry (or `feedctl add --interval`) gives
    /// its own, or `adaptive` follows its pace; default 1h.
    public var interval: Duration
    /// `min_interval`: the first delay after a failure, and with `adaptive` the shortest interval a feed's pace may
    /// give; default 15m.
    public var minInterval: Duration
    /// `max_interval`: the longest delay back-off after failures may reach, and with `adaptive` the longest
    /// interval a feed's pace may give; default 24h.
    public var maxInterval: Duration
    /// `adaptive`: whether a feed without an interval of its own is fetched at its pace (a week divided by the
    /// entries of its last week, within `minInterval` and `maxInterval`) instead of every `interval`; default false,
    /// so that `interval` means what it says.
    public var adaptive: Bool
    /// `concurrency`: transfers in flight at once, 1 to 1000; default 16.
    public var concurrency: Int
    /// `per_host`: transfers in flight to one host at once, at least 1; default 2.
    public var perHost: Int
    /// `timeout`: the deadline for a whole transfer, connection and redirects included; default 30s.
    public var timeout: Duration
    /// `low_speed_limit`: a transfer slower than this many bytes per second for `lowSpeedTime` is aborted, headers
    /// included, so a server that trickles cannot hold a transfer until `timeout`; default 1 KiB.
    public var lowSpeedLimit: Int
    /// `low_speed_time`: how long a transfer may stay below `lowSpeedLimit`, whole seconds; default 10s.
    public var lowSpeedTime: Duration
    /// `connect_timeout`: the limit for establishing the connection; default 10s.
    public var connectTimeout: Duration
    /// `max_body`: the largest response body accepted, in bytes; default 15 MiB.
    public var maxBodyBytes: Int
    /// `user_agent`: the User-Agent header sent.
    public var userAgent: String
    /// `allow_private_addresses`: whether feeds may resolve to loopback, link-local or private addresses; default
    /// false (protects the network the daemon runs in).
    public var allowPrivateAddresses: Bool
    /// `full_text_pages`: the most article pages fetched for one full-text feed per fetch; the feed's other new
    /// articles wait for its next fetch, so a feed of 500 items cannot hold up a cycle.
    public var fullTextPages = 25

    /// The default `user_agent`.
    public static let defaultUserAgent = "feedd/0.1 (+https://github.com/feedd/feedd)"

    /// Creates fetch settings; no validation happens here.
    public init(
        interval: Duration,
        minInterval: Duration,
        maxInterval: Duration,
        adaptive: Bool,
        concurrency: Int,
        perHost: Int,
        timeout: Duration,
        lowSpeedLimit: Int = 1024,
        lowSpeedTime: Duration = .seconds(10),
        connectTimeout: Duration,
        maxBodyBytes: Int,
        userAgent: String,
        allowPrivateAddresses: Bool
    ) {
        self.interval = interval
        self.minInterval = minInterval
        self.maxInterval = maxInterval
        self.adaptive = adaptive
        self.concurrency = concurrency
        self.perHost = perHost
        self.timeout = timeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.connectTimeout = connectTimeout
        self.maxBodyBytes = maxBodyBytes
        self.userAgent = userAgent
        self.allowPrivateAddresses = allowPrivateAddresses
    }

    /// The defaults.
    public static let defaults = FetchSettings(
        interval: .seconds(3_600),
        minInterval: .seconds(900),
        maxInterval: .seconds(86_400),
        adaptive: false,
        concurrency: 16,
        perHost: 2,
        timeout: .seconds(30),
        lowSpeedLimit: 1024,
        lowSpeedTime: .seconds(10),
        connectTimeout: .seconds(10),
        maxBodyBytes: 15 << 20,
        userAgent: defaultUserAgent,
        allowPrivateAddresses: false
    )
}
