import Foundation
import TestSupport

extension FeedctlBinary {
    /// `Tests/FeedctlTests/Fixtures`, the feeds and files the feedctl tests read.
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }
}
