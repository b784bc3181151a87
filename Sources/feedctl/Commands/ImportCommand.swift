internal import ArgumentParser
import FeedModel
import FeedParsing
import FeedStore
import Foundation

/// `feedctl import FILE.opml`: subscribes to every feed of an OPML file; folders become tags.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Subscribe to the feeds of an OPML file (nested folders become tags).",
        discussion: """
            Feeds already subscribed, under any spelling of their URL, are left as they are; an outline that names \
            one by another spelling, or names a feed an earlier outline of the file named, gets a line of its own. \
            feedd fetches the new ones on its next tick.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print a JSON object with the added and existing URLs.")
    var json = false

    @Argument(help: "The OPML file, or - for standard input.", completion: .file(extensions: ["opml", "xml"]))
    var file: String

    func run() throws {
        let bytes = try readInput()
        let document: OPMLDocument
        do {
            document = try OPMLReader.parse(bytes, fileName: file == "-" ? "(standard input)" : file)
        } catch {
            throw CommandError(error.description)
        }
        let (_, store) = try global.openStore()
        // A shared OPML file must not make the daemon read local files: only web feeds are imported.
        let (web, other) = (
            document.subscriptions.filter { Self.isWeb($0.url) }, document.subscriptions.filter { !Self.isWeb($0.url) }
        )
        for subscription in other {
            reportError("\(file): skipped \(subscription.url): only http and https feeds are imported")
        }
        let feeds = web.map { NewFeed(url: $0.url, title: $0.title, tags: $0.tags) }
        let progress = ProgressBar(total: feeds.count, label: "Importing", terminal: .standardError)
        var added: [String] = []
        var existing: [String] = []
        var repeated: [String] = []
        var notes: [String] = []
        var addedIDs = Set<Int64>()
        // Batches keep each transaction short, so a running feedd never waits long for the file.
        var start = 0
        while start < feeds.count {
            let batch = Array(feeds[start..<min(start + 500, feeds.count)])
            for (feed, outcome) in zip(batch, try store.addFeeds(batch)) {
                switch outcome {
                case .added(let stored):
                    added.append(feed.url)
                    addedIDs.insert(stored.id)
                case .alreadyExists(let stored) where addedIDs.contains(stored.id):
                    repeated.append(feed.url)
                    notes.append("Listed twice: \(Self.describe(stored)), again as \(feed.url)")
                case .alreadyExists(let stored):
                    existing.append(feed.url)
                    // The same URL is what a second import of one file finds: only another spelling is news.
                    if stored.url != feed.url {
                        notes.append("Already subscribed: \(Self.describe(stored)), listed as \(feed.url)")
                    }
                }
            }
            start += batch.count
            progress.update(start)
        }
        progress.finish()
        if json {
            JSONWriter.printValue { writer in
                writer.beginObject()
                writer.field("added", strings: added)
                writer.field("existing", strings: existing)
                writer.field("repeated", strings: repeated)
                writer.endObject()
            }
            return
        }
        for note in notes {
            print(note)
        }
        print(
            "Imported \(Plural.count(added.count, "new feed")) from \(file)"
                + (existing.isEmpty ? "" : "; \(existing.count) already subscribed")
                + (repeated.isEmpty ? "" : "; \(Plural.count(repeated.count, "repeated outline")) skipped") + ".")
        if !added.isEmpty {
            print(DaemonContact.wake(store: store))
        }
    }

    /// `#ID TITLE (URL)`, as `add` names a subscription.
    private static func describe(_ feed: StoredFeed) -> String {
        "#\(feed.id) \(feed.displayTitle) (\(feed.url))"
    }

    private static func isWeb(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    private func readInput() throws -> [UInt8] {
        if file == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            let reason = FileManager.default.fileExists(atPath: file) ? "cannot read" : "no such file"
            throw CommandError("\(file): \(reason)")
        }
        return Array(data)
    }
}
