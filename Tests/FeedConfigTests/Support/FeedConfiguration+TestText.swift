import FeedConfig

extension FeedConfiguration {
    /// `text` read as `feedd.toml` in `/etc/feedd`, with the state in `/var/lib/feedd`: how the table tests read
    /// their snippets.
    static func parse(testText text: String) throws(ConfigError) -> FeedConfiguration {
        try FeedConfiguration.parse(
            text: text, fileName: "feedd.toml", baseDirectory: "/etc/feedd", stateDirectory: "/var/lib/feedd")
    }
}
