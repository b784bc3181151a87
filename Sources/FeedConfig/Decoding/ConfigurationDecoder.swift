import FeedModel
import Foundation
internal import TOMLKit

/// Turns the text of feedd.toml into a validated `FeedConfiguration`.
struct ConfigurationDecoder {
    let fileName: String
    let baseDirectory: String
    let stateDirectory: String

    func decode(text: String) throws(ConfigError) -> FeedConfiguration {
        // TOMLKit hands the text over as a C string, which would silently end at a NUL byte.
        if let nul = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<nul].count { $0 == UInt8(ascii: "\n") } + 1
            throw ConfigError(file: fileName, line: line, key: nil, message: "contains a NUL byte")
        }
        if let header = TOMLHeaderGuard.firstBadHeader(in: text) {
            throw ConfigError(
                file: fileName, line: header.line, key: nil,
                message: "a table header must begin with a key name or a quoted key, saw \(header.found)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let message = error.description.split(whereSeparator: \.isNewline).joined(separator: " ")
            throw ConfigError(file: fileName, line: error.source.begin.line, key: nil, message: message)
        } catch {
            throw ConfigError(file: fileName, line: nil, key: nil, message: "\(error)")
        }
        let root = TableReader(
            table: table,
            path: KeyPath(),
            context: .init(fileName: fileName, lines: TOMLLineIndex(text: text))
        )
        try root.rejectUnknownKeys(["store", "fetch", "digest", "feed", "log", "rule", "notify", "api"])
        let sinks = try decodeSinks(root.arrayOfTables("notify"))
        return FeedConfiguration(
            store: try decodeStore(root.table("store")),
            fetch: try decodeFetch(root.table("fetch")),
            digests: try decodeDigests(root),
            feeds: try decodeFeeds(root.arrayOfTables("feed")),
            log: try decodeLog(root.table("log")),
            sourcePath: fileName,
            rules: try decodeRules(root.arrayOfTables("rule"), sinks: sinks),
            sinks: sinks,
            api: try decodeAPI(root.table("api"))
        )
    }

    private func decodeStore(_ reader: TableReader?) throws(ConfigError) -> StoreSettings {
        var settings = StoreSettings.defaults(stateDirectory: stateDirectory)
        guard let reader else { return settings }
        try reader.rejectUnknownKeys(["path", "keep_days", "keep_per_feed"])
        if let path = try reader.nonEmptyString("path") {
            settings.path = resolvePath(path, against: baseDirectory)
        }
        settings.keepDays = try reader.integer("keep_days", in: 1...Int.max) ?? settings.keepDays
        settings.keepPerFeed = try reader.integer("keep_per_feed", in: 1...Int.max) ?? settings.keepPerFeed
        return settings
    }

    private func decodeFetch(_ reader: TableReader?) throws(ConfigError) -> FetchSettings {
        var settings = FetchSettings.defaults
        guard let reader else { return settings }
        try reader.rejectUnknownKeys([
            "interval", "min_interval", "max_interval", "adaptive", "concurrency", "per_host", "timeout",
            "low_speed_limit", "low_speed_time", "connect_timeout", "max_body", "user_agent",
            "allow_private_addresses", "full_text_pages",
        ])
        settings.interval = try reader.duration("interval") ?? settings.interval
        settings.minInterval = try reader.duration("min_interval") ?? settings.minInterval
        settings.maxInterval = try reader.duration("max_interval") ?? settings.maxInterval
        settings.adaptive = try reader.bool("adaptive") ?? settings.adaptive
        settings.concurrency = try reader.integer("concurrency", in: 1...1000) ?? settings.concurrency
        settings.perHost = try reader.integer("per_host", in: 1...Int.max) ?? settings.perHost
        settings.timeout = try reader.duration("timeout") ?? settings.timeout
        settings.lowSpeedLimit = try reader.size("low_speed_limit") ?? settings.lowSpeedLimit
        if let lowSpeedTime = try reader.duration("low_speed_time") {
            // libcurl measures the low-speed window in whole seconds; rounding silently would change the setting.
            guard lowSpeedTime.components.attoseconds == 0 else {
                throw reader.error(
                    "low_speed_time",
                    "expected a whole number of seconds such as 10s, got \(DurationSyntax.format(lowSpeedTime))"
                )
            }
            settings.lowSpeedTime = lowSpeedTime
        }
        settings.connectTimeout = try reader.duration("connect_timeout") ?? settings.connectTimeout
        settings.maxBodyBytes = try reader.size("max_body") ?? settings.maxBodyBytes
        if let userAgent = try reader.nonEmptyString("user_agent") {
            guard !userAgent.contains(where: \.isNewline) else {
                throw reader.error("user_agent", "must not contain line breaks")
            }
            settings.userAgent = userAgent
        }
        settings.allowPrivateAddresses = try reader.bool("allow_private_addresses") ?? settings.allowPrivateAddresses
        settings.fullTextPages = try reader.integer("full_text_pages", in: 1...1000) ?? settings.fullTextPages
        // Without `adaptive`, min_interval is only back-off's first delay: fetching every 5 minutes while a
        // failing feed waits 15 before its retry is a sound choice. With it, a pace slower than `interval` must be
        // able to reach it.
        if settings.adaptive {
            try checkOrder(
                reader,
                ("min_interval", settings.minInterval),
                ("interval", settings.interval)
            )
        }
        try checkOrder(
            reader,
            ("interval", settings.interval),
            ("max_interval", settings.maxInterval)
        )
        return settings
    }

    /// Throws unless `lower.1 <= upper.1`, blaming whichever key the file sets (`upper` when it sets both).
    private func checkOrder(
        _ reader: TableReader,
        _ lower: (key: String, value: Duration),
        _ upper: (key: String, value: Duration)
    ) throws(ConfigError) {
        guard lower.value > upper.value else { return }
        let lowerText = DurationSyntax.format(lower.value)
        let upperText = DurationSyntax.format(upper.value)
        let prefix = reader.path.dotted
        if reader.contains(upper.key) {
            throw reader.error(
                upper.key,
                "must be at least \(prefix).\(lower.key) (\(lowerText)), got \(upperText)"
            )
        }
        throw reader.error(lower.key, "must be at most \(prefix).\(upper.key) (\(upperText)), got \(lowerText)")
    }

    /// The single `[digest]` table as the edition `daily`, or the `[[digest]]` editions (TOML allows one or the
    /// other).
    private func decodeDigests(_ root: TableReader) throws(ConfigError) -> [DigestSettings] {
        guard root.isArray("digest") else {
            return [try decodeDigest(root.table("digest"), edition: false)]
        }
        var editions: [DigestSettings] = []
        for reader in try root.arrayOfTables("digest") {
            let edition = try decodeDigest(reader, edition: true)
            guard !editions.contains(where: { $0.name == edition.name }) else {
                throw reader.error("name", "another [[digest]] is already named \(describe(edition.name))")
            }
            editions.append(edition)
        }
        guard !editions.isEmpty else {
            throw ConfigError(file: fileName, line: nil, key: "digest", message: "expected at least one [[digest]]")
        }
        return editions
    }

    private func decodeDigest(_ reader: TableReader?, edition: Bool) throws(ConfigError) -> DigestSettings {
        var settings = DigestSettings.defaults(stateDirectory: stateDirectory)
        guard let reader else { return settings }
        var known: Set<String> = ["dir", "time", "timezone", "formats", "per_feed", "images", "mail"]
        if edition {
            known.formUnion(["name", "days", "tags", "feeds", "atom"])
        }
        try reader.rejectUnknownKeys(known)
        if edition {
            guard let name = try reader.nonEmptyString("name") else {
                throw reader.error("name", "required key is missing")
            }
            // The name is part of file names and of the watermark's key.
            guard name.utf8.allSatisfy({ isBareKeyByte($0) }) else {
                throw reader.error(
                    "name", "expected letters, digits, \"-\" and \"_\" (it names files), got \(describe(name))")
            }
            // The `daily` edition's mail watermark is called `mail`.
            guard name != "mail" else {
                throw reader.error("name", "\"mail\" is reserved; choose another name")
            }
            settings.name = name
            settings.namedFiles = true
            if let names = try reader.stringArray("days") {
                settings.days = try decodeDays(names, reader: reader)
            }
            for tag in try reader.stringArray("tags") ?? [] {
                guard !tag.isEmpty else { throw reader.error("tags", "expected non-empty strings, got \"\"") }
                if !settings.tags.contains(tag) { settings.tags.append(tag) }
            }
            if let feeds = try reader.feedReferences("feeds") {
                settings.feedIDs = feeds.ids
                settings.feedURLs = feeds.urls
            }
            settings.atom = try reader.bool("atom") ?? false
        }
        if let directory = try reader.nonEmptyString("dir") {
            settings.directory = resolvePath(directory, against: baseDirectory)
        }
        if let text = try reader.string("time") {
            guard let time = TimeOfDay(parsing: text) else {
                throw reader.error(
                    "time", "expected a time of day as HH:MM (24-hour) such as \"07:00\", got \(describe(text))")
            }
            settings.time = time
        }
        if let identifier = try reader.string("timezone") {
            guard TimeZone(identifier: identifier) != nil else {
                throw reader.error(
                    "timezone",
                    "expected an IANA time zone such as \"Europe/Berlin\" or \"UTC\", got \(describe(identifier))"
                )
            }
            settings.timeZoneIdentifier = identifier
        }
        if let names = try reader.stringArray("formats") {
            settings.formats = try decodeFormats(names, reader: reader)
        }
        settings.perFeed = try reader.integer("per_feed", in: 1...Int.max) ?? settings.perFeed
        settings.images = try reader.bool("images") ?? settings.images
        settings.mail = try decodeMail(reader.table("mail"))
        return settings
    }

    private func decodeDays(_ names: [String], reader: TableReader) throws(ConfigError) -> [Int] {
        let expected = "expected an array of \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\" and \"sun\""
        guard !names.isEmpty else { throw reader.error("days", "\(expected), got an empty array") }
        var days: Set<Int> = []
        for name in names {
            guard let index = DigestSettings.weekdayNames.firstIndex(of: name.lowercased()) else {
                throw reader.error("days", "\(expected), got \(describe(name))")
            }
            guard days.insert(index + 1).inserted else {
                throw reader.error("days", "\(describe(name)) is listed twice")
            }
        }
        return days.sorted()
    }

    private func decodeFormats(_ names: [String], reader: TableReader) throws(ConfigError) -> [DigestFormat] {
        let expected = "expected an array of \"html\", \"md\" and \"text\""
        guard !names.isEmpty else {
            throw reader.error("formats", "\(expected) with at least one of them, got an empty array")
        }
        var formats: [DigestFormat] = []
        for name in names {
            guard let format = DigestFormat(rawValue: name) else {
                throw reader.error("formats", "\(expected), got \(describe(name))")
            }
            guard !formats.contains(format) else {
                throw reader.error("formats", "\(describe(name)) is listed twice")
            }
            formats.append(format)
        }
        return formats
    }

    private func decodeMail(_ reader: TableReader?) throws(ConfigError) -> MailSettings? {
        guard let reader else { return nil }
        try reader.rejectUnknownKeys(["url", "from", "to", "password_file", "enabled"])
        guard let urlText = try reader.string("url") else { throw reader.error("url", "required key is missing") }
        guard let url = URL(string: urlText), let scheme = url.scheme?.lowercased(),
            scheme == "smtp" || scheme == "smtps",
            let host = url.host, !host.isEmpty
        else {
            throw reader.error("url", "expected an smtp:// or smtps:// URL with a host, got \(describe(urlText))")
        }
        guard let from = try reader.string("from") else { throw reader.error("from", "required key is missing") }
        try checkAddress(from, key: "from", reader: reader)
        guard let to = try reader.stringArray("to", allowSingle: true) else {
            throw reader.error("to", "required key is missing")
        }
        guard !to.isEmpty else {
            throw reader.error("to", "expected a string or an array of strings, got an empty array")
        }
        for address in to {
            try checkAddress(address, key: "to", reader: reader)
        }
        let passwordFile = try reader.nonEmptyString("password_file").map { resolvePath($0, against: baseDirectory) }
        let enabled = try reader.bool("enabled") ?? true
        return MailSettings(url: url, from: from, to: to, passwordFile: passwordFile, enabled: enabled)
    }

    /// Rejects what cannot be a mail address; line breaks matter most, as they would inject mail headers.
    private func checkAddress(_ address: String, key: String, reader: TableReader) throws(ConfigError) {
        guard address.contains("@"), !address.contains(where: { $0.isNewline }) else {
            throw reader.error(key, "expected a mail address such as \"feedd@example.org\", got \(describe(address))")
        }
    }

    private func decodeLog(_ reader: TableReader?) throws(ConfigError) -> LogSettings {
        var settings = LogSettings.defaults
        guard let reader else { return settings }
        try reader.rejectUnknownKeys(["level"])
        if let name = try reader.string("level") {
            guard let level = LogLevel(rawValue: name) else {
                let names = LogLevel.allCases.map(\.rawValue).joined(separator: ", ")
                throw reader.error("level", "expected one of \(names), got \(describe(name))")
            }
            settings.level = level
        }
        return settings
    }
}
