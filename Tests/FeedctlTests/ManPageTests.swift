import Foundation
import TestSupport
import Testing

/// The hand-written man pages in `man/` against the programs they describe: every command and option the built
/// `feedctl` and `feedd` print in their help, and every table and key of `Config/feedd.toml`, has its place in the
/// page (a `.SS` heading for a command or table, a `.TP` item for an option or key).
///
/// `$FEEDD_MAN_DIR` names another directory of pages, to try the checks on an edited copy.
@Suite struct ManPageTests {
    /// What one page must document, and where the names come from.
    enum Check: String, Sendable, CaseIterable, CustomTestStringConvertible {
        case feedctlCommands, feedctlOptions, feeddOptions, configurationKeys

        var page: String {
            switch self {
            case .feedctlCommands, .feedctlOptions: "feedctl.1"
            case .feeddOptions: "feedd.8"
            case .configurationKeys: "feedd.toml.5"
            }
        }

        var testDescription: String { "\(page): \(rawValue)" }

        /// Everything the page must document, read from the built programs' help or the example configuration.
        func mentions() throws -> [Mention] {
            switch self {
            case .feedctlCommands:
                return try ManPageTests.feedctlCommands().map { .subsection($0, section: "COMMANDS") }
            case .feedctlOptions:
                let root = try ManPageTests.options(in: ManPageTests.help([]))
                    .map { Mention.option($0, places: [Page.Place("OPTIONS")]) }
                let commands = try ManPageTests.feedctlCommands().flatMap { command in
                    try ManPageTests.options(in: ManPageTests.help([command])).map {
                        Mention.option($0, places: [Page.Place("COMMANDS", command), Page.Place("OPTIONS")])
                    }
                }
                return root + commands
            case .feeddOptions:
                return try ManPageTests.options(in: ManPageTests.help([], executable: ManPageTests.feedd))
                    .map { .option($0, places: [Page.Place("OPTIONS")]) }
            case .configurationKeys:
                return try ManPageTests.configurationMentions()
            }
        }
    }

    /// One thing a page documents.
    enum Mention: Sendable, CustomStringConvertible {
        /// A `.SS` heading under the `.SH` section.
        case subsection(String, section: String)
        /// A `.TP` item whose tag holds the option (`\-\-name`), in one of the places.
        case option(String, places: [Page.Place])
        /// A `.TP` item whose tag starts with the key, in the place.
        case key(String, place: Page.Place)

        var description: String {
            switch self {
            case .subsection(let name, let section): ".SS \(name) in \(section)"
            case .option(let option, let places): "\(option) in \(places.map(\.description).joined(separator: " or "))"
            case .key(let key, let place): "\(key) in \(place)"
            }
        }
    }

    /// A man page's source cut into sections and subsections, with the tag line of every `.TP` item in each.
    struct Page {
        /// A `.SH` section, or a `.SS` subsection of one.
        struct Place: Hashable, Sendable, CustomStringConvertible {
            var section: String
            var subsection: String?

            init(_ section: String, _ subsection: String? = nil) {
                self.section = section
                self.subsection = subsection
            }

            var description: String { subsection.map { "\(section) > \($0)" } ?? section }
        }

        private var headings: Set<Place> = []
        private var tags: [Place: [String]] = [:]

        init(text: String) {
            var place = Place("")
            var tagFollows = false
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line.hasPrefix(".\\\"") { continue }
                if tagFollows {
                    tags[place, default: []].append(line)
                    tagFollows = false
                    continue
                }
                let (macro, argument) = Self.request(line)
                switch macro {
                case ".SH":
                    place = Place(argument)
                case ".SS":
                    place.subsection = argument
                    headings.insert(place)
                case ".TP":
                    tagFollows = true
                default:
                    break
                }
            }
        }

        func documents(_ mention: Mention) -> Bool {
            switch mention {
            case .subsection(let name, let section):
                return headings.contains(Place(section, name))
            case .option(let option, let places):
                let troff = option.replacingOccurrences(of: "-", with: "\\-")
                return places.contains { place in
                    tags[place, default: []].contains { Self.holds($0, option: troff) }
                }
            case .key(let key, let place):
                return tags[place, default: []].contains { tag in
                    Self.request(tag).argument.split(separator: " ").first.map {
                        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) == key
                    } ?? false
                }
            }
        }

        /// The macro of a request line (`.TP`) and its argument, unquoted; empty strings for a text line.
        private static func request(_ line: String) -> (macro: String, argument: String) {
            guard line.hasPrefix(".") else { return ("", "") }
            let macro = line.prefix { $0 != " " }
            var argument = line.dropFirst(macro.count).trimmingCharacters(in: .whitespaces)
            if argument.count >= 2 && argument.hasPrefix("\"") && argument.hasSuffix("\"") {
                argument = String(argument.dropFirst().dropLast())
            }
            return (String(macro), argument)
        }

        /// Whether `tag` holds `option` (in troff, `\-\-name`) as a whole word: `\-\-all` is not in `\-\-allow`,
        /// nor `\-q` in `\-\-quiet`.
        private static func holds(_ tag: String, option: String) -> Bool {
            var searched = tag[...]
            while let range = searched.range(of: option) {
                let before = tag[..<range.lowerBound]
                let after = tag[range.upperBound...]
                let wordEnds = !(after.first.map { $0.isLetter || $0.isNumber } ?? false) && !after.hasPrefix("\\-")
                if !before.hasSuffix("\\-") && wordEnds {
                    return true
                }
                searched = tag[range.upperBound...]
            }
            return false
        }
    }

    /// A line to delete from a copy of a page, and what the page then no longer documents.
    struct Deletion: Sendable, CustomTestStringConvertible {
        var page: String
        var line: String
        var lost: Mention

        var testDescription: String { "\(page) without \(line)" }
    }

    static let deletions: [Deletion] = [
        Deletion(page: "feedctl.1", line: ".SS digest", lost: .subsection("digest", section: "COMMANDS")),
        Deletion(
            page: "feedctl.1", line: ".B \\-\\-unique",
            lost: .option("--unique", places: [Page.Place("COMMANDS", "articles"), Page.Place("OPTIONS")])),
        Deletion(
            page: "feedd.8", line: ".BI \\-\\-log\\-level \" level\"",
            lost: .option("--log-level", places: [Page.Place("OPTIONS")])),
        Deletion(
            page: "feedd.toml.5", line: ".B per_host", lost: .key("per_host", place: Page.Place("OPTIONS", "[fetch]"))),
    ]

    @Test(arguments: Check.allCases)
    func pageDocumentsEverything(_ check: Check) throws {
        let page = Page(text: try Self.pageText(check.page))
        let mentions = try check.mentions()
        #expect(!mentions.isEmpty, "found nothing to look for")
        let missing = mentions.filter { !page.documents($0) }
        #expect(
            missing.isEmpty, "\(check.page) does not document: \(missing.map(\.description).joined(separator: "; "))")
    }

    /// The checks above can fail: a copy of a page with one documented item deleted lacks it.
    @Test(arguments: deletions)
    func deletedLineIsNoticed(_ deletion: Deletion) throws {
        var lines = try Self.pageText(deletion.page).split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0 == deletion.line }, "no line \(deletion.line)")
        #expect(Page(text: lines.joined(separator: "\n")).documents(deletion.lost))
        lines.remove(at: index)
        #expect(!Page(text: lines.joined(separator: "\n")).documents(deletion.lost))
    }

    // MARK: - Where the names come from

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static func pageText(_ name: String) throws -> String {
        let directory =
            ProcessInfo.processInfo.environment["FEEDD_MAN_DIR"].map { URL(fileURLWithPath: $0) }
            ?? packageRoot.appendingPathComponent("man")
        return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// The built `feedd`, next to `feedctl`.
    static var feedd: String {
        URL(fileURLWithPath: FeedctlBinary.path).deletingLastPathComponent().appendingPathComponent("feedd").path
    }

    /// `PROGRAM ARGUMENTS… --help`, which must succeed.
    static func help(_ arguments: [String], executable: String? = nil) throws -> String {
        let result = try FeedctlBinary.run(arguments + ["--help"], executable: executable)
        try #require(result.status == 0, "\(arguments) --help: \(result.standardError)")
        return result.standardOutput
    }

    /// The lines of a help section (`OPTIONS:`, `SUBCOMMANDS:`), up to the next unindented line.
    static func helpSection(_ name: String, in help: String) -> [Substring] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: Substring(name + ":")) else { return [] }
        return Array(lines[(start + 1)...].prefix { $0.isEmpty || $0.hasPrefix(" ") })
    }

    /// The commands `feedctl --help` lists.
    static func feedctlCommands() throws -> [String] {
        try helpSection("SUBCOMMANDS", in: help([])).compactMap { line in
            guard line.hasPrefix("  "), let first = line.dropFirst(2).first, first.isLowercase else { return nil }
            return String(line.dropFirst(2).prefix { !$0.isWhitespace })
        }
    }

    /// The options (`-o`, `--output`) of the help's `OPTIONS:` section.
    static func options(in help: String) -> [String] {
        helpSection("OPTIONS", in: help).flatMap { line -> [String] in
            let entry = line.trimmingCharacters(in: .whitespaces)
            guard entry.hasPrefix("-") else { return [] }
            let names = entry.components(separatedBy: "  ")[0]
            return names.split(whereSeparator: { $0 == " " || $0 == "," }).filter { $0.hasPrefix("-") }.map(String.init)
        }
    }

    /// Each table of `Config/feedd.toml` as a `.SS` heading in OPTIONS, and each of its keys (`key =` lines,
    /// commented out or not) as an item there.
    static func configurationMentions() throws -> [Mention] {
        let example = try String(
            contentsOf: packageRoot.appendingPathComponent("Config/feedd.toml"), encoding: .utf8)
        var mentions: [Mention] = []
        var table: String?
        for line in example.split(separator: "\n") {
            let text = line.drop { $0 == "#" || $0 == " " }.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("["), text.hasSuffix("]"),
                text.allSatisfy({ $0 == "[" || $0 == "]" || $0 == "." || $0 == "_" || $0.isLowercase })
            {
                table = text
                mentions.append(.subsection(text, section: "OPTIONS"))
                continue
            }
            let key = text.prefix { $0 == "_" || $0.isLowercase || $0.isNumber }
            guard !key.isEmpty, text.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") else {
                continue
            }
            let place = try #require(table, "key \(key) before any table")
            mentions.append(.key(String(key), place: Page.Place("OPTIONS", place)))
        }
        return mentions
    }
}
