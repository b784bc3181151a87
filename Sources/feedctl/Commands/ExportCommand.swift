internal import ArgumentParser
import FeedParsing
import FeedStore
import Foundation

/// `feedctl export [-o FILE]`: every subscription as OPML 2.0, tags as folders.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the subscriptions as OPML 2.0 (to standard output, or a file)."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .shortAndLong, help: "Write to this file (replaced atomically) instead of standard output.")
    var output: String?

    func run() throws {
        let (_, store) = try global.openExistingStore()
        let feeds = try store.feeds()
        let document = OPMLDocument(
            title: "feedd subscriptions",
            subscriptions: feeds.map {
                OPMLSubscription(
                    url: $0.url, title: $0.customTitle ?? $0.feedTitle, siteURL: $0.siteLink, tags: $0.tags)
            }
        )
        let bytes = OPMLWriter.write(document, dateCreated: Date())
        guard let output else {
            FileDescriptorOutput.standardOutput.write(bytes)
            return
        }
        try TextFile.writeAtomically(bytes, to: output)
        FileDescriptorOutput.standardError.write("Exported \(feeds.count) feeds to \(output).\n")
    }
}
