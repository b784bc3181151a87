import TestSupport

extension FeedctlSandbox {
    /// The `file://` URL of a fixture.
    static func fixtureURL(_ name: String) -> String {
        FeedctlBinary.fixtures.appendingPathComponent(name).absoluteString
    }
}
