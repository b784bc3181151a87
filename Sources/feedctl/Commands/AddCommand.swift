internal import ArgumentParser
import FeedConfig
import FeedFetching
import FeedModel
import FeedParsing
import FeedPipeline
import FeedStore
import Foundation

/// `feedctl add URL`: subscribes after one successful fetch, or finds the feeds an HTML page advertises.
struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Subscribe to a feed (or to the one feed a web page advertises).",
        discussion: """
            The URL is fetched once first: a feed is added with the articles it holds now; a web page that \
            advertises one feed adds that feed; a page that advertises several lists them, and nothing is added. \
            A feed already subscribed under any spelling of its URL (http or https, a trailing slash, tracking \
            parameters), under the URL it redirects to or under the address it gives itself is not added again: \
            feedctl says "Already subscribed" and exits with status 0.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Your title for the feed, shown instead of its own; with --kind html, the items' title selector.")
    var title: String?

    @Option(
        help: ArgumentHelp(
            "How often to fetch it (30m, 1h, 1d); default: [fetch] interval, or its pace with [fetch] adaptive.",
            valueName: "duration"))
    var interval: String?

    @Option(
        name: .customLong("tag"), help: ArgumentHelp("A tag for the digest's grouping (repeatable).", valueName: "tag"))
    var tags: [String] = []

    @OptionGroup var feedOptions: FeedOptionArguments

    @Argument(help: "The feed's (or the web page's) http, https or file URL.")
    var url: String

    func validate() throws {
        if let interval, DurationSyntax.parse(interval) == nil {
            throw ValidationError("--interval expects \(DurationSyntax.expectation); got '\(interval)'")
        }
        let scheme = url.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() }
        guard url.contains(":"), let scheme, ["http", "https", "file"].contains(scheme) else {
            throw ValidationError("expected an http, https or file URL; got '\(url)'")
        }
        if tags.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--tag must not be empty")
        }
        _ = try feedOptions.options(title: title)
    }

    func run() throws {
        let (configuration, store) = try global.openStore()
        let options = try feedOptions.options(title: title)
        var candidate = url
        for attempt in 0..<2 {
            // Another spelling of a subscribed feed's URL is found without asking the network.
            if let existing = try? store.feed(candidate) {
                reportAlreadySubscribed(existing, requested: candidate)
                return
            }
            let response: FetchResponse
            do {
                let request = try FetchPolicy.applying(
                    options, to: FetchPolicy.request(url: candidate, settings: configuration.fetch),
                    credentialsDirectory: ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"])
                response = try FeedFetcher().fetchOnce(request).requireSuccess(url: candidate)
            } catch let error {
                var message = error.description
                switch error.kind {
                case .blockedAddress, .blockedRedirect:
                    message += " (set [fetch] allow_private_addresses = true to allow it)"
                default:
                    break
                }
                throw CommandError(message)
            }
            do {
                if options.kind == .html {
                    // A page read with selectors is the subscription itself, not a page to find a feed in.
                    let document: FeedDocument
                    do {
                        document = try FeedSourceReader.document(from: response, options: options)
                    } catch {
                        throw CommandError("\(error)")
                    }
                    try subscribe(
                        candidate, response: response, document: document, store: store, configuration: configuration)
                    return
                }
                let document = try FeedParser.parse(
                    response.body,
                    options: FeedParserOptions(
                        documentURL: response.finalURL, httpCharset: response.charset,
                        contentLocation: response.contentLocation))
                try subscribe(
                    candidate, response: response, document: document, store: store,
                    configuration: configuration)
                return
            } catch FeedParseError.htmlPage(let feeds)
                where attempt == 0 && feeds.count == 1 && options.carriesOriginSecrets
                && !FetchRequest.isSameOrigin(feeds[0].url, candidate)
            {
                // The page's credentials and headers are for its own origin; they must not follow its link.
                throw CommandError(
                    "\(candidate) is a web page that advertises \(feeds[0].url), on another origin; add that feed "
                        + "itself if the credentials or headers are meant for it")
            } catch FeedParseError.htmlPage(let feeds) where attempt == 0 && feeds.count == 1 {
                print("\(candidate) is a web page; it advertises \(feeds[0].url)")
                candidate = feeds[0].url
            } catch FeedParseError.htmlPage(let feeds) where feeds.count > 1 {
                print("\(candidate) is a web page that advertises \(feeds.count) feeds; add one of them:")
                for feed in feeds {
                    print("  feedctl add \(feed.url)" + (feed.title.map { "    # \($0)" } ?? ""))
                }
                throw ExitCode(2)
            } catch let error as FeedParseError {
                throw CommandError("\(candidate): \(error)")
            }
        }
    }

    /// The document's self link, unless it names another subscription whose stored articles it shares none of:
    /// feeds made from a copied template, or a site's category feeds, often give the main feed's address as their
    /// own, and must still be subscribable.
    static func trustedSelfLink(of document: FeedDocument, store: FeedStore) -> String? {
        guard let selfLink = document.selfLink, let existing = try? store.feed(selfLink) else {
            return document.selfLink
        }
        let query = ArticleQuery(feedID: existing.id, limit: 500, withoutContent: true)
        guard let stored = try? store.articles(query), !stored.isEmpty else { return selfLink }
        let guids = Set(stored.map(\.guid))
        let links = Set(stored.compactMap(\.link))
        let shared = document.entries.contains { entry in
            guids.contains(entry.id) || entry.link.map { links.contains($0) } == true
        }
        return shared ? selfLink : nil
    }

    private func subscribe(
        _ url: String, response: FetchResponse, document: FeedDocument, store: FeedStore,
        configuration: FeedConfiguration
    ) throws {
        // Subscribe to where a permanent redirect leads, so the daemon does not walk the chain every time.
        let target = response.permanentRedirect ? response.finalURL : url
        let options = try feedOptions.options(title: title)
        let newFeed = NewFeed(
            url: target, title: options.kind == .html ? nil : title, interval: interval.flatMap(DurationSyntax.parse),
            tags: tags.map { $0.trimmingCharacters(in: .whitespaces) }, options: options)
        // The feed may be subscribed under the URL asked for, the one its redirects ended at, or the address it
        // gives itself (atom:link rel="self", a JSON feed's feed_url).
        let selfLink = Self.trustedSelfLink(of: document, store: store)
        let aliases = [url, response.finalURL] + (selfLink.map { [$0] } ?? [])
        let feed: StoredFeed
        switch try store.addFeed(newFeed, aliases: aliases) {
        case .alreadyExists(let existing):
            reportAlreadySubscribed(
                existing, requested: url, redirectedTo: response.finalURL, selfLink: selfLink)
            return
        case .added(let added):
            feed = added
        }
        let now = Date()
        var fullText: FullTextFetch.Outcome?
        if FullTextFetch.applies(to: feed) {
            let fetcher = MultiFetcher(
                configuration: .init(concurrency: configuration.fetch.concurrency, perHost: configuration.fetch.perHost)
            )
            fullText = FullTextFetch(
                store: store, fetcher: fetcher, settings: configuration.fetch,
                credentialsDirectory: ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"]
            ).enrichWaiting(document, of: feed)
        }
        var update = FeedRefresh.fetchedUpdate(
            for: feed, response: response, document: fullText?.document ?? document, attemptedAt: now,
            settings: FetchPolicy.schedule(configuration.fetch), rules: configuration.rules)
        fullText?.apply(to: &update)
        // The alerts this fetch raises (a rule's notify) wait for the sinks the configuration names.
        _ = try store.sinkDeliveries(ensuring: configuration.sinks.map(\.name))
        let summary = try store.apply(update)
        let shown = title ?? document.title ?? target
        var next = TimeText.relative(update.nextDueAt, now: now)
        if let reason = update.nextDueReason {
            next += " (\(ScheduleText.label(reason, failures: 0)))"
        }
        var notes = summary.dropped > 0 ? " (\(summary.dropped) dropped by rules)" : ""
        if let report = fullText?.report {
            notes += "; full text from \(Plural.count(report.extracted, "page"))"
            notes += report.paywalled > 0 ? ", \(report.paywalled) behind a paywall" : ""
            notes += report.failed > 0 ? ", \(report.failed) failed (\(report.lastError ?? ""))" : ""
            notes += (fullText?.deferred ?? 0) > 0 ? ", \(fullText?.deferred ?? 0) left for the next fetch" : ""
        }
        print(
            "Added #\(feed.id) \(shown) (\(target)): \(Plural.count(summary.inserted, "article"))\(notes); "
                + "next fetch \(next).")
    }

    /// Says which subscription the URL names, and why when it is not a spelling of that subscription's URL.
    ///
    /// Not an error: a script that adds its feeds on every run must not fail because they are there.
    private func reportAlreadySubscribed(
        _ feed: StoredFeed, requested: String, redirectedTo finalURL: String? = nil, selfLink: String? = nil
    ) {
        print("Already subscribed: #\(feed.id) \(feed.displayTitle) (\(feed.url))")
        let key = FeedIdentity.key(feed.url)
        if FeedIdentity.key(requested) != key {
            if let finalURL, FeedIdentity.key(finalURL) == key {
                print("  \(requested) redirects to \(finalURL)")
            } else if let selfLink, FeedIdentity.key(selfLink) == key {
                print("  \(requested) gives \(selfLink) as its own address")
            }
        }
        if title != nil || interval != nil || !tags.isEmpty {
            print("  Nothing changed: --title, --interval and --tag apply to a new subscription only.")
        }
    }
}
