/// How feedd reaches one feed beyond its URL: HTTP options, full text, and where the entries come from.
///
/// Set by a `[[feed]]` table or by `feedctl add`, and stored with the subscription. Secrets are never held here,
/// only where to read them: a password file or credential name, and header values written `file:/path`. The
/// selectors and the full-text rule are kept as the owner wrote them; the configuration checks them when it loads.
public struct FeedOptions: Sendable, Hashable, Codable {
    /// Where a feed's entries come from (`kind`).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An RSS, Atom or JSON feed at the URL.
        case feed
        /// An HTML page at the URL, read with the owner's selectors (`item`, `title`, `link`, `date`, `summary`).
        case html
        /// The standard output of a command (`command`), which must be a feed.
        case exec
    }

    /// One added request header; a value written `file:/path` is read from that file at each fetch.
    public struct Header: Sendable, Hashable, Codable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }

        /// The path of a `file:/path` value, whose contents are the secret sent.
        public var secretPath: String? {
            value.hasPrefix("file:") ? String(value.dropFirst(5)) : nil
        }
    }

    /// `username`: HTTP Basic user name.
    public var username: String?
    /// `password_file`: the file holding the Basic password.
    public var passwordFile: String?
    /// `password_credential`: the name of a systemd credential (`$CREDENTIALS_DIRECTORY/NAME`) holding it.
    public var passwordCredential: String?
    /// `headers`: added request headers, in name order.
    public var headers: [Header]
    /// `cookie_file`: a Netscape cookie file, read-only.
    public var cookieFile: String?
    /// `user_agent`: replaces `[fetch] user_agent` for this feed.
    public var userAgent: String?
    /// `proxy`: `http://`, `https://`, `socks5://` or `socks5h://`; replaces the environment's proxy.
    public var proxy: String?
    /// `full_text`: "auto", "css:…" or "xpath:…"; nil is "off".
    public var fullText: String?
    /// `kind`: where the entries come from.
    public var kind: Kind
    /// `item`, `title`, `link`, `date`, `summary` for `kind = "html"`.
    public var selectors: HTMLItemSelectors?
    /// `command` for `kind = "exec"`: the argument vector, its first word an absolute path.
    public var command: [String]?

    public init(
        username: String? = nil, passwordFile: String? = nil, passwordCredential: String? = nil,
        headers: [Header] = [], cookieFile: String? = nil, userAgent: String? = nil, proxy: String? = nil,
        fullText: String? = nil, kind: Kind = .feed, selectors: HTMLItemSelectors? = nil, command: [String]? = nil
    ) {
        self.username = username
        self.passwordFile = passwordFile
        self.passwordCredential = passwordCredential
        self.headers = headers
        self.cookieFile = cookieFile
        self.userAgent = userAgent
        self.proxy = proxy
        self.fullText = fullText
        self.kind = kind
        self.selectors = selectors
        self.command = command
    }

    /// No options: a feed at its URL, fetched with the `[fetch]` settings.
    public static let none = FeedOptions()

    /// True when nothing is set.
    public var isEmpty: Bool { self == .none }

    /// Whether the options hold anything meant for the feed's own origin only: credentials or added headers.
    public var carriesOriginSecrets: Bool {
        username != nil || passwordFile != nil || passwordCredential != nil || !headers.isEmpty
    }

    /// The same options without the credentials and added headers, for a request to another origin.
    public var withoutOriginSecrets: FeedOptions {
        var options = self
        options.username = nil
        options.passwordFile = nil
        options.passwordCredential = nil
        options.headers = []
        return options
    }

    /// The options set, by key, for `feedctl show`: never a value that could be a secret (the header names and
    /// the proxy's scheme are shown; a password, a header's value and the proxy's address are not).
    public var setKeys: [String] {
        var keys: [String] = []
        if kind != .feed { keys.append("kind = \(kind.rawValue)") }
        if username != nil { keys.append("username") }
        if passwordFile != nil { keys.append("password_file") }
        if passwordCredential != nil { keys.append("password_credential") }
        if !headers.isEmpty { keys.append("headers (\(headers.map(\.name).joined(separator: ", ")))") }
        if cookieFile != nil { keys.append("cookie_file") }
        if userAgent != nil { keys.append("user_agent") }
        if let proxy { keys.append("proxy (\(proxy.prefix { $0 != ":" }))") }
        if let fullText { keys.append("full_text = \(fullText)") }
        if command != nil { keys.append("command") }
        return keys
    }

    private enum CodingKeys: String, CodingKey {
        case username
        case passwordFile = "password_file"
        case passwordCredential = "password_credential"
        case headers
        case cookieFile = "cookie_file"
        case userAgent = "user_agent"
        case proxy
        case fullText = "full_text"
        case kind
        case selectors
        case command
    }

    /// Decodes what an older or newer feedd stored: absent keys take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        username = try container.decodeIfPresent(String.self, forKey: .username)
        passwordFile = try container.decodeIfPresent(String.self, forKey: .passwordFile)
        passwordCredential = try container.decodeIfPresent(String.self, forKey: .passwordCredential)
        headers = try container.decodeIfPresent([Header].self, forKey: .headers) ?? []
        cookieFile = try container.decodeIfPresent(String.self, forKey: .cookieFile)
        userAgent = try container.decodeIfPresent(String.self, forKey: .userAgent)
        proxy = try container.decodeIfPresent(String.self, forKey: .proxy)
        fullText = try container.decodeIfPresent(String.self, forKey: .fullText)
        kind = try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .feed
        selectors = try container.decodeIfPresent(HTMLItemSelectors.self, forKey: .selectors)
        command = try container.decodeIfPresent([String].self, forKey: .command)
    }
}
