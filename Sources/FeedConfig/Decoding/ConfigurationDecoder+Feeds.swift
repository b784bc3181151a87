import FeedModel
import Foundation

extension ConfigurationDecoder {
    /// The `[[feed]]` tables.
    func decodeFeeds(_ readers: [TableReader]) throws(ConfigError) -> [FeedSubscriptionSettings] {
        var feeds: [FeedSubscriptionSettings] = []
        // Feed identity key → the line of its first `url` key (nil when the scanner could not place it).
        var firstLines: [String: Int?] = [:]
        for reader in readers {
            try reader.rejectUnknownKeys([
                "url", "title", "interval", "tags", "username", "password_file", "password_credential", "headers",
                "cookie_file", "user_agent", "proxy", "full_text", "kind", "item", "link", "date", "summary", "command",
            ])
            let options = try decodeOptions(reader)
            let url = try feedURL(reader, options: options)
            let line = reader.context.lines.line(for: reader.path.appending("url"))
            // Any two spellings of one feed's URL (http and https, a trailing slash, tracking parameters) would be
            // one subscription in the store.
            let normalized = FeedIdentity.key(url.absoluteString)
            if let firstLine = firstLines[normalized] {
                let place = firstLine.map { " (first at line \($0))" } ?? ""
                throw reader.error("url", "duplicate feed \(describe(url.absoluteString))\(place)")
            }
            firstLines[normalized] = line
            var tags: [String] = []
            for tag in try reader.stringArray("tags") ?? [] {
                guard !tag.isEmpty else { throw reader.error("tags", "expected non-empty strings, got \"\"") }
                if !tags.contains(tag) {
                    tags.append(tag)
                }
            }
            var feed = FeedSubscriptionSettings(
                url: url,
                // For a page read by selectors, `title` is the items' title selector.
                title: options.kind == .html ? nil : try reader.nonEmptyString("title"),
                interval: try reader.duration("interval"),
                tags: tags
            )
            feed.options = options
            feeds.append(feed)
        }
        return feeds
    }

    /// The feed's `url`: required, except for a command's feed, which is known by its command when it has none.
    private func feedURL(_ reader: TableReader, options: FeedOptions) throws(ConfigError) -> URL {
        guard let urlText = try reader.string("url") else {
            if options.kind == .exec, let command = options.command, let url = Self.commandURL(command) {
                return url
            }
            throw reader.error("url", "required key is missing")
        }
        guard let url = URL(string: urlText), isFetchable(url) else {
            throw reader.error("url", "expected an absolute http, https or file URL, got \(describe(urlText))")
        }
        return url
    }

    /// `exec:` and the command's words, percent-encoded: the address a command's feed is stored and shown under.
    static func commandURL(_ command: [String]) -> URL? {
        let words = command.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0 }
        return URL(string: "exec:" + words.joined(separator: "%20"))
    }

    /// The HTTP, full-text and source options of one `[[feed]]`.
    private func decodeOptions(_ reader: TableReader) throws(ConfigError) -> FeedOptions {
        var options = FeedOptions()
        options.username = try reader.nonEmptyString("username")
        options.passwordFile = try reader.nonEmptyString("password_file").map {
            resolvePath($0, against: baseDirectory)
        }
        options.passwordCredential = try reader.credentialName("password_credential")
        if options.passwordFile != nil && options.passwordCredential != nil {
            throw reader.error("password_credential", "give password_file or password_credential, not both")
        }
        if options.username == nil, let key = ["password_file", "password_credential"].first(where: reader.contains) {
            throw reader.error(key, "a password needs a username")
        }
        options.headers = try decodeHeaders(reader)
        options.cookieFile = try reader.nonEmptyString("cookie_file").map { resolvePath($0, against: baseDirectory) }
        if let userAgent = try reader.nonEmptyString("user_agent") {
            if let problem = FeedOptionsRules.userAgentProblem(userAgent) {
                throw reader.error("user_agent", problem)
            }
            options.userAgent = userAgent
        }
        if let proxy = try reader.nonEmptyString("proxy") {
            if let problem = FeedOptionsRules.proxyProblem(proxy) {
                throw reader.error("proxy", problem)
            }
            options.proxy = proxy
        }
        if let fullText = try reader.nonEmptyString("full_text") {
            options.fullText = try fullTextRule(fullText, reader: reader)
        }
        let kindName = try reader.string("kind") ?? FeedOptions.Kind.feed.rawValue
        guard let kind = FeedOptions.Kind(rawValue: kindName) else {
            throw reader.error("kind", "expected \"feed\", \"html\" or \"exec\", got \(describe(kindName))")
        }
        options.kind = kind
        for key in ["item", "link", "date", "summary"] where kind != .html && reader.contains(key) {
            throw reader.error(key, "only a feed of kind = \"html\" reads a page with selectors")
        }
        if kind != .exec && reader.contains("command") {
            throw reader.error("command", "only a feed of kind = \"exec\" runs a command")
        }
        switch kind {
        case .feed:
            break
        case .html:
            options.selectors = try decodeSelectors(reader)
        case .exec:
            options.command = try reader.command("command")
        }
        return options
    }

    /// `headers = { "X-Api-Key" = "…" }`, sorted by name; a value `file:PATH` has its path resolved.
    private func decodeHeaders(_ reader: TableReader) throws(ConfigError) -> [FeedOptions.Header] {
        guard let table = try reader.table("headers") else { return [] }
        var headers: [FeedOptions.Header] = []
        for name in table.table.keys.sorted() {
            guard let value = try table.nonEmptyString(name) else { continue }
            if let problem = FeedOptionsRules.headerProblem(name: name, value: value) {
                throw table.error(name, problem)
            }
            if value.hasPrefix("file:") {
                let path = resolvePath(String(value.dropFirst(5)), against: baseDirectory)
                headers.append(FeedOptions.Header(name: name, value: "file:" + path))
            } else {
                headers.append(FeedOptions.Header(name: name, value: value))
            }
        }
        return headers
    }

    /// The `item`, `title`, `link`, `date` and `summary` selectors of a page read without a feed.
    private func decodeSelectors(_ reader: TableReader) throws(ConfigError) -> HTMLItemSelectors {
        var values: [String: String] = [:]
        for key in ["item", "title", "link", "date", "summary"] {
            guard let text = try reader.nonEmptyString(key) else {
                if ["item", "title", "link"].contains(key) {
                    throw reader.error(key, "required for kind = \"html\"")
                }
                continue
            }
            values[key] = try selector(text, reader: reader, key: key)
        }
        return HTMLItemSelectors(
            item: values["item"] ?? "", title: values["title"] ?? "", link: values["link"] ?? "", date: values["date"],
            summary: values["summary"])
    }

    /// True when feedd can fetch `url`: http or https with a host, or file with an absolute path.
    func isFetchable(_ url: URL) -> Bool {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased()
        else { return false }
        switch scheme {
        case "http", "https":
            return !(components.host ?? "").isEmpty
        case "file":
            return components.path.hasPrefix("/")
        default:
            return false
        }
    }
}
