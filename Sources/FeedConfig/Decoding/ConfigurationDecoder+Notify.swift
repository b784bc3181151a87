import Foundation

extension ConfigurationDecoder {
    /// The `[[notify]]` tables.
    func decodeSinks(_ readers: [TableReader]) throws(ConfigError) -> [NotifySettings] {
        var sinks: [NotifySettings] = []
        for reader in readers {
            try reader.rejectUnknownKeys([
                "name", "kind", "url", "command", "secret_file", "secret_credential", "events",
            ])
            guard let name = try reader.nonEmptyString("name") else {
                throw reader.error("name", "required key is missing")
            }
            guard !name.contains(where: { $0.isNewline || $0 == "," || $0 == ":" }) else {
                throw reader.error("name", "must not contain line breaks, commas or colons")
            }
            guard !sinks.contains(where: { $0.name == name }) else {
                throw reader.error("name", "another [[notify]] is already named \(describe(name))")
            }
            guard let kindName = try reader.string("kind") else {
                throw reader.error("kind", "required key is missing")
            }
            let kind: NotifySettings.Kind
            switch kindName {
            case "ntfy", "webhook":
                guard !reader.contains("command") else {
                    throw reader.error("command", "only an exec sink runs a command")
                }
                let url = try httpURL(reader)
                kind = kindName == "ntfy" ? .ntfy(url: url) : .webhook(url: url)
            case "exec":
                guard !reader.contains("url") else {
                    throw reader.error("url", "an exec sink has a command, not a url")
                }
                kind = .exec(command: try reader.command("command"))
            default:
                throw reader.error("kind", "expected \"ntfy\", \"webhook\" or \"exec\", got \(describe(kindName))")
            }
            var sink = NotifySettings(name: name, kind: kind)
            for key in ["secret_file", "secret_credential"] where reader.contains(key) {
                guard case .webhook = kind else { throw reader.error(key, "only a webhook signs what it sends") }
            }
            sink.secretFile = try reader.nonEmptyString("secret_file").map { resolvePath($0, against: baseDirectory) }
            if let credential = try reader.credentialName("secret_credential") {
                guard sink.secretFile == nil else {
                    throw reader.error("secret_credential", "give secret_file or secret_credential, not both")
                }
                sink.secretCredential = credential
            }
            if let names = try reader.stringArray("events") {
                sink.events = try decodeEvents(names, reader: reader)
            }
            sinks.append(sink)
        }
        return sinks
    }

    private func httpURL(_ reader: TableReader) throws(ConfigError) -> URL {
        guard let text = try reader.string("url") else { throw reader.error("url", "required key is missing") }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            !(url.host ?? "").isEmpty
        else {
            throw reader.error("url", "expected an absolute http or https URL, got \(describe(text))")
        }
        return url
    }

    private func decodeEvents(_ names: [String], reader: TableReader) throws(ConfigError) -> [NotifySettings.Event] {
        let expected = "expected an array of \"rule\", \"feed_broken\", \"feed_recovered\" and \"digest\""
        guard !names.isEmpty else { throw reader.error("events", "\(expected), got an empty array") }
        var events: [NotifySettings.Event] = []
        for name in names {
            guard let event = NotifySettings.Event(rawValue: name) else {
                throw reader.error("events", "\(expected), got \(describe(name))")
            }
            guard !events.contains(event) else { throw reader.error("events", "\(describe(name)) is listed twice") }
            events.append(event)
        }
        return events
    }
}
