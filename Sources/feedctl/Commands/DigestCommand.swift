internal import ArgumentParser
import Digest
import FeedConfig
import FeedStore
import Foundation

/// `feedctl digest`: a written digest, or one rendered on demand without moving the watermark.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print or open a digest.",
        discussion: """
            With --date, the digest feedd wrote that day. With --since, a digest of the articles published in that \
            period (undated ones: first seen), rendered now. With neither, what the next daily digest holds so far: \
            before the first digest, what was published in the last 24 hours; after it, what arrived since, \
            except articles published more than a day before the previous digest (a new feed's history). \
            Rendering on demand never moves the watermark. With several [[digest]] editions, --edition picks one \
            (default: the first in the file).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The digest written on this day.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(help: ArgumentHelp("The [[digest]] edition (default: the first).", valueName: "name"))
    var edition: String?

    @Option(help: ArgumentHelp("html, md or text (default: text, or html with --open).", valueName: "format"))
    var format: String?

    @Option(
        help: ArgumentHelp(
            "Render the articles published since a duration ago (2d, 12h), a date (2026-11-01) or an RFC 3339 time; "
                + "an undated article counts as published when first seen.",
            valueName: "when"))
    var since: String?

    @Flag(help: "Open the digest in the desktop's browser (xdg-open) instead of printing it.")
    var open = false

    func validate() throws {
        if date != nil && since != nil {
            throw ValidationError("--date and --since cannot be combined: --date prints a written digest")
        }
        if let date, !Self.isDay(date) {
            throw ValidationError("--date expects a day such as 2026-11-29, got '\(date)'")
        }
        if let format, DigestFormat(rawValue: format) == nil {
            throw ValidationError("--format expects html, md or text, got '\(format)'")
        }
        if let since, SinceSyntax.parse(since, now: Date()) == nil {
            throw ValidationError(
                "--since expects a duration such as 2d or 12h, or a date such as 2026-11-01; got '\(since)'")
        }
    }

    func run() throws {
        let format = format.flatMap(DigestFormat.init(rawValue:)) ?? (open ? .html : .text)
        let text: String
        if let date {
            // A written digest is a file: the store is not needed, nor created.
            let settings = try Self.edition(edition, of: global.loadConfiguration())
            let prefix = settings.namedFiles ? settings.name : nil
            let path = settings.directory + "/" + DigestFiles.fileName(day: date, format: format, prefix: prefix)
            guard FileManager.default.fileExists(atPath: path) else {
                throw CommandError("no \(format.rawValue) digest for \(date) in \(settings.directory)")
            }
            if open {
                try Self.open(path)
                return
            }
            text = try TextFile.read(path)
        } else {
            // Rendering reads the store and never moves the watermark.
            let (configuration, store) = try global.openExistingStore()
            let settings = try Self.edition(edition, of: configuration)
            let now = Date()
            let job = DigestJob(store: store, settings: settings)
            let covered: (selection: DigestSelection, period: DateInterval)
            if let since, let start = SinceSyntax.parse(since, now: now) {
                // By publication, as `articles --since`: the period the reader asked for, whatever arrived when.
                let start = min(start, now)
                covered = (
                    DigestSelection(
                        afterID: nil, publishedSince: start, throughID: try store.newestArticleID(),
                        feedIDs: try job.scopeFeedIDs()),
                    DateInterval(start: start, end: now)
                )
            } else {
                covered = try job.pending(now: now)
            }
            let digest = try job.digest(
                of: covered.selection, period: covered.period, now: now, countingLeftOut: since == nil)
            let rendered = DigestRenderer.render(digest, as: format)
            if open {
                let path =
                    NSTemporaryDirectory() + "feedd-digest-\(getpid())-"
                    + DigestFiles.fileName(day: "on-demand", format: format)
                try TextFile.writeAtomically(Array(rendered.utf8), to: path)
                try Self.open(path)
                return
            }
            text = rendered
        }
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }

    /// The edition called `name`, or the first one.
    private static func edition(_ name: String?, of configuration: FeedConfiguration) throws -> DigestSettings {
        guard let name else { return configuration.digests[0] }
        guard let settings = configuration.digest(named: name) else {
            let names = configuration.digests.map(\.name).joined(separator: ", ")
            throw CommandError("no digest edition named '\(name)' in the configuration (editions: \(names))")
        }
        return settings
    }

    private static func isDay(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            index == 4 || index == 7 || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
    }

    /// Hands `path` to xdg-open, which finds the owner's browser.
    private static func open(_ path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", path]
        do {
            try process.run()
        } catch {
            throw CommandError("cannot open \(path): /usr/bin/env could not be run to start xdg-open")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError(
                "cannot open \(path): xdg-open exited with status \(process.terminationStatus) (is it installed?)")
        }
    }
}
