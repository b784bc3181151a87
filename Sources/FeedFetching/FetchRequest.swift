/// What to fetch and under which limits: one conditional HTTP(S) GET, or one read of a local file.
///
/// The defaults suit a feed fetcher on the open internet; tests and `feedctl` relax `allowPrivateAddresses`,
/// `allowPrivateRequestHost` and `allowFileURL` explicitly. Durations have millisecond resolution (libcurl's).
public struct FetchRequest: Sendable, Equatable {
    /// The `User-Agent` sent when the caller names none.
    public static let defaultUserAgent = "feedd/0.1 (+https://github.com/feedd/feedd)"

    /// The body cap used when the caller names none: 15 MiB.
    public static let defaultMaxBodyBytes = 15 * 1024 * 1024

    /// The absolute URL to fetch; `http`, `https`, and `file` when `allowFileURL` is set.
    public var url: String

    /// The validator from the previous response's `ETag`, sent as `If-None-Match`.
    public var etag: String?

    /// The previous response's `Last-Modified`, sent verbatim as `If-Modified-Since`.
    public var lastModified: String?

    /// The `User-Agent` header; feed hosts block anonymous clients, so keep a contact URL in it.
    public var userAgent: String

    /// The largest body accepted, counted after content decoding, so a small gzip bomb cannot get past it.
    public var maxBodyBytes: Int

    /// How long name resolution plus the TCP and TLS handshakes may take.
    public var connectTimeout: Duration

    /// How long the whole transfer, redirects included, may take: the deadline that ends any trickle.
    public var totalTimeout: Duration

    /// The transfer is aborted when it moves fewer than this many bytes per second for `lowSpeedTime`.
    ///
    /// It counts while headers arrive as well as the body, so a server that sends its status line and then one
    /// header byte per second is caught long before `totalTimeout`.
    public var lowSpeedLimit: Int

    /// How long the transfer may stay below `lowSpeedLimit`; libcurl counts whole seconds, so this rounds up.
    public var lowSpeedTime: Duration

    /// How many redirects are followed; one more is `FetchError.Kind.tooManyRedirects`.
    public var maxRedirects: Int

    /// Allows a `file://` request URL. A redirect never leads to a file, whatever this says.
    public var allowFileURL: Bool

    /// Allows connecting to loopback, private, link-local and other non-public addresses (the SSRF guard).
    ///
    /// The guard checks every address a connection is opened to, after name resolution, so a public name that
    /// resolves to a private address is refused as well, on every redirect hop. With a proxy from the environment
    /// (`http_proxy`, `https_proxy`, `all_proxy`) the proxy may be anywhere, as the owner chose it; the target's
    /// name and every redirect's are then resolved and checked before the request goes to the proxy.
    public var allowPrivateAddresses: Bool

    /// Allows non-public addresses for the request URL's own host and port only, not for a redirect elsewhere.
    ///
    /// For a URL the owner typed (`feedctl parse`): their own server may well be on their network, but a redirect
    /// from it to another host or port, such as a cloud metadata address, is guarded as any feed's is.
    public var allowPrivateRequestHost: Bool

    /// One request header the owner added for a feed (`headers` in its `[[feed]]` table).
    public typealias Header = FetchResponse.Header

    /// HTTP Basic credentials, sent to the request URL's origin only (libcurl drops them on a redirect to another
    /// scheme, host or port).
    public var username: String?
    public var password: String?

    /// Headers added to the request, such as an API key; sent to the request URL's origin only: a redirect to
    /// another scheme, host or port is followed without them (and without the credentials).
    public var headers: [Header] = []

    /// A Netscape-format cookie file, read when the transfer starts and never written; libcurl sends each cookie
    /// only to the domains and paths it names.
    public var cookieFile: String?

    /// The proxy for this request (`http://`, `https://`, `socks5://` or `socks5h://`), instead of the
    /// environment's; the SSRF guard then checks each target by name before it goes to the proxy.
    public var proxy: String?

    /// The URL the chain started at, when this request continues one: errors name it, as the caller asked for it.
    var chainStart: String?
    /// Redirects followed before this request, when it continues a chain without the origin's credentials.
    var earlierRedirects = 0
    /// Whether every redirect before this request was permanent (301 or 308).
    var earlierRedirectsPermanent = true

    /// Whether `name: value` can be sent as one header line: a token for a name, a value without line breaks or
    /// NULs (which would smuggle in another header).
    public static func isSafeHeader(name: String, value: String) -> Bool {
        let tokenPunctuation = Set("!#$%&'*+-.^_`|~".utf8)
        let nameIsToken =
            !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
                    || tokenPunctuation.contains(byte)
            }
        return nameIsToken && !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }
    }

    /// Whether two URLs share scheme, host and port (a default port counts as given): where a feed's credentials
    /// and added headers may go. False when either cannot be parsed.
    public static func isSameOrigin(_ url: String, _ other: String) -> Bool {
        guard let first = URLOrigin.parse(url)?.origin, let second = URLOrigin.parse(other)?.origin else {
            return false
        }
        return first == second
    }

    /// Whether the request carries anything meant for its own origin only: credentials or added headers.
    var carriesOriginSecrets: Bool {
        username != nil || password != nil || !headers.isEmpty
    }

    /// The request that continues a redirect to another origin: the same limits, without the origin's credentials
    /// and headers, and with the redirects left.
    ///
    /// The chain never counts as permanent: a feed whose credentials or headers belong to its origin must not be
    /// moved to another origin by a redirect, which would send them there from then on.
    func continuing(at location: String, followed: Int, remaining: Duration) -> FetchRequest {
        var next = self
        next.chainStart = chainStart ?? url
        next.url = location
        next.username = nil
        next.password = nil
        next.headers = []
        next.allowFileURL = false
        next.allowPrivateRequestHost = false
        next.maxRedirects = maxRedirects - followed
        next.earlierRedirects = earlierRedirects + followed
        next.earlierRedirectsPermanent = false
        // One deadline for the whole chain, as libcurl's covers the redirects it follows.
        next.totalTimeout = remaining
        return next
    }

    /// Creates a request with the production defaults for everything but the URL and validators.
    public init(
        url: String,
        etag: String? = nil,
        lastModified: String? = nil,
        userAgent: String = FetchRequest.defaultUserAgent,
        maxBodyBytes: Int = FetchRequest.defaultMaxBodyBytes,
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(30),
        lowSpeedLimit: Int = 1024,
        lowSpeedTime: Duration = .seconds(10),
        maxRedirects: Int = 5,
        allowFileURL: Bool = false,
        allowPrivateAddresses: Bool = false,
        allowPrivateRequestHost: Bool = false
    ) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.userAgent = userAgent
        self.maxBodyBytes = maxBodyBytes
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxRedirects = maxRedirects
        self.allowFileURL = allowFileURL
        self.allowPrivateAddresses = allowPrivateAddresses
        self.allowPrivateRequestHost = allowPrivateRequestHost
    }
}
