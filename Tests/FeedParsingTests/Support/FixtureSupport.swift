import FeedModel
import Foundation
import Testing

@testable import FeedParsing

/// Where the fixture corpus lives (next to this test target's sources).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(relativePath)))
    }

    /// The feed documents that have an expectation file beside them.
    static var feedCases: [String] {
        let feeds = directory.appendingPathComponent("feeds")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: feeds.path)) ?? []
        return names.filter { !$0.hasSuffix(".expect.json") }
            .filter { names.contains(expectationName(for: $0)) }
            .sorted()
    }

    static func expectationName(for name: String) -> String {
        (name as NSString).deletingPathExtension + ".expect.json"
    }
}

/// The document as the JSON of `feedctl parse --json` shows it, as Foundation values, to compare with expectations.
enum DocumentProjection {
    static func project(_ document: FeedDocument) -> [String: Any] {
        [
            "format": document.format.rawValue, "version": document.version, "bozo": document.bozo,
            "errors": document.problems.map(\.description), "title": value(document.title),
            "subtitle": value(document.subtitle), "link": value(document.link), "self": value(document.selfLink),
            "language": value(document.language), "updated": value(document.updated.map(Timestamp.rfc3339)),
            "generator": value(document.generator), "image": value(document.image), "icon": value(document.icon),
            "rights": value(document.rights), "ttl": value(document.ttl),
            "update_interval": value(document.updateInterval),
            "hubs": document.hubs, "authors": document.authors.map(project), "categories": document.categories,
            "entries": document.entries.map(project),
        ]
    }

    static func project(_ entry: Entry) -> [String: Any] {
        [
            "id": entry.id, "title": value(entry.title), "link": value(entry.link),
            "published": value(entry.published.map(Timestamp.rfc3339)),
            "updated": value(entry.updated.map(Timestamp.rfc3339)), "authors": entry.authors.map(project),
            "summary": value(entry.summary), "content": value(entry.content), "content_src": value(entry.contentSource),
            "categories": entry.categories,
            "enclosures": entry.enclosures.map {
                ["url": $0.url, "type": value($0.type), "length": value($0.length), "duration": value($0.duration)]
            },
            "comments": value(entry.comments), "comment_feed": value(entry.commentFeed),
            "comment_count": value(entry.commentCount), "image": value(entry.image),
            "original_link": value(entry.originalLink),
        ]
    }

    static func project(_ author: Author) -> [String: Any] {
        ["name": value(author.name), "email": value(author.email), "uri": value(author.uri)]
    }

    private static func value(_ optional: Any?) -> Any { optional ?? NSNull() }

    /// Every key of `expected` must be in `actual` with an equal value; arrays must have the same length and match
    /// element by element (objects inside them are again compared as subsets). Returns the mismatches.
    static func mismatches(expected: Any, actual: Any, path: String = "$") -> [String] {
        switch (expected, actual) {
        case (let expected as [String: Any], let actual as [String: Any]):
            return expected.keys.sorted().flatMap { key -> [String] in
                guard let value = actual[key] else { return ["\(path).\(key): missing"] }
                return mismatches(expected: expected[key]!, actual: value, path: "\(path).\(key)")
            }
        case (let expected as [Any], let actual as [Any]):
            guard expected.count == actual.count else {
                return ["\(path): \(actual.count) elements, expected \(expected.count): \(actual)"]
            }
            return zip(expected, actual).enumerated().flatMap { index, pair in
                mismatches(expected: pair.0, actual: pair.1, path: "\(path)[\(index)]")
            }
        case (is NSNull, is NSNull):
            return []
        case (let expected as NSNumber, let actual as Int):
            return expected.intValue == actual
                ? [] : ["\(path): \(actual), expected \(expected)"]
        case (let expected as NSNumber, let actual as Bool):
            return expected.boolValue == actual ? [] : ["\(path): \(actual), expected \(expected)"]
        case (let expected as String, let actual as String):
            return expected == actual ? [] : ["\(path): \"\(actual)\", expected \"\(expected)\""]
        default:
            return ["\(path): \(actual), expected \(expected)"]
        }
    }
}
