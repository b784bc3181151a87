import Foundation

/// The inputs a run starts from: the test fixtures of each parser, `Fuzzing/Seeds`, and the regression corpus
/// `Fuzzing/Regressions/<target>/`, which is also replayed as it is at the start of every run.
///
/// Files are read in sorted order, so the same tree and seed make the same inputs in every process.
struct FuzzCorpus {
    /// Where each target's seeds are, relative to the repository: a folder (every file in it, with one of the
    /// extensions when given) or one file.
    private static let seedPlaces: [(FuzzTarget, String, [String])] = [
        (.feed, "Tests/FeedParsingTests/Fixtures/feeds", ["xml", "json"]),
        (.feed, "Tests/FeedctlTests/Fixtures", ["rss", "atom"]),
        (.feed, "Fuzzing/Seeds/feed", []),
        (.html, "Tests/FeedctlTests/Fixtures/page.html", []),
        (.html, "Fuzzing/Seeds/html", []),
        (.opml, "Tests/FeedParsingTests/Fixtures/opml", ["opml"]),
        (.opml, "Tests/FeedctlTests/Fixtures", ["opml"]),
        (.config, "Config/feedd.toml", []),
        (.config, "Config/demo/feedd.toml", []),
        (.config, "Fuzzing/Seeds/config", []),
        (.page, "Benchmarks/ExtractCorpus", ["html"]),
        (.page, "Tests/FeedExtractionTests/Fixtures", ["html"]),
    ]

    /// Fixtures whose HTML is inside JSON: each string with markup becomes an HTML seed.
    private static let htmlInJSON = ["Tests/ArticleCleaningTests/Fixtures/boilerplate"]

    static let regressionFolder = "Fuzzing/Regressions"

    /// Seeds to mutate, by target.
    private(set) var seeds: [FuzzTarget: [FuzzSeed]] = [:]
    /// The regression corpus, every target's, sorted by path.
    private(set) var regressions: [FuzzSeed] = []

    /// Reads the corpus under `root`, the repository; a missing seed place is an error, since a renamed fixture
    /// folder would otherwise quietly leave a parser unfuzzed.
    init(root: String) throws {
        let files = FileManager.default
        for (target, place, extensions) in Self.seedPlaces {
            for path in try Self.files(at: place, root: root, extensions: extensions) {
                seeds[target, default: []].append(try Self.read(path, root: root, target: target))
            }
        }
        for folder in Self.htmlInJSON {
            for path in try Self.files(at: folder, root: root, extensions: ["json"]) {
                let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
                var strings: [String] = []
                Self.collectStrings(in: try JSONSerialization.jsonObject(with: data), into: &strings)
                for (index, html) in strings.enumerated() where html.contains("<") {
                    seeds[.html, default: []].append(
                        FuzzSeed(target: .html, path: "\(path)#\(index)", bytes: Array(html.utf8)))
                }
            }
        }
        for target in FuzzTarget.allCases {
            let folder = "\(Self.regressionFolder)/\(target.rawValue)"
            guard files.fileExists(atPath: root + "/" + folder) else { continue }
            for path in try Self.files(at: folder, root: root, extensions: []) {
                let seed = try Self.read(path, root: root, target: target)
                regressions.append(seed)
                seeds[target, default: []].append(seed)
            }
        }
        for target in FuzzTarget.allCases where seeds[target, default: []].isEmpty {
            throw FuzzError("no seeds for the \(target.rawValue) target under \(root)")
        }
    }

    /// Every seed of every target, in one order.
    var allSeeds: [FuzzSeed] {
        FuzzTarget.allCases.flatMap { seeds[$0, default: []] }
    }

    private static func files(at place: String, root: String, extensions: [String]) throws -> [String] {
        var isDirectory: ObjCBool = false
        let absolute = root + "/" + place
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            // Fuzzing/Seeds folders are optional; the fixtures named above are not.
            if place.hasPrefix("Fuzzing/") { return [] }
            throw FuzzError("seed place \(place) is missing under \(root)")
        }
        guard isDirectory.boolValue else { return [place] }
        return try FileManager.default.contentsOfDirectory(atPath: absolute)
            .filter { name in
                !name.hasPrefix(".") && (extensions.isEmpty || extensions.contains { name.hasSuffix("." + $0) })
            }
            .sorted()
            .map { place + "/" + $0 }
    }

    private static func read(_ path: String, root: String, target: FuzzTarget) throws -> FuzzSeed {
        guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
            throw FuzzError("cannot read \(path)")
        }
        return FuzzSeed(target: target, path: path, bytes: Array(data))
    }

    private static func collectStrings(in value: Any, into strings: inout [String]) {
        switch value {
        case let string as String: strings.append(string)
        case let array as [Any]: for element in array { collectStrings(in: element, into: &strings) }
        case let object as [String: Any]:
            for key in object.keys.sorted() { collectStrings(in: object[key]!, into: &strings) }
        default: break
        }
    }
}
