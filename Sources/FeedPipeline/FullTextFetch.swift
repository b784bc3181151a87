import Dispatch
import FeedConfig
import FeedExtraction
import FeedFetching
import FeedHTML
import FeedModel
import FeedStore
import Foundation
import Synchronization

/// Full text for one feed's new articles: fetches their pages and puts each page's main content in the entry,
/// before cleaning, rules and story assignment see it.
///
/// Pages are fetched on the cycle's multi handle (its per-host cap keeps the fetch polite), with the feed's
/// options, the SSRF guard and the body cap, conditionally when the page was fetched before. At most
/// `[fetch] full_text_pages` pages per feed and fetch: the new entries past that wait for the next fetch, which
/// asks the feed afresh (its validators are not kept) so that they come back as new. Entries the store already
/// has stay in the update (the schedule, the template memory and story matching see the whole feed), but their
/// stored full text is kept rather than replaced by the feed's teaser again.
public struct FullTextFetch: Sendable {
    /// The document to store, and what the pages came to.
    public struct Outcome: Sendable {
        public var document: FeedDocument
        public var report: FullTextReport?
        /// New entries left for the next fetch.
        public var deferred: Int
        /// Entries the store has already: their stored content (from their pages) is kept.
        public var known: Set<String> = []

        /// Puts the report in `update`, and drops its validators when entries were left, so that the next fetch
        /// gets the whole feed and they come back as new.
        public func apply(to update: inout FeedUpdate) {
            update.fullText = report
            update.keepingStored = known
            if deferred > 0, case .fetched(let status, _, _, let title, let link, let articles) = update.outcome {
                update.outcome = .fetched(
                    status: status, etag: nil, lastModified: nil, title: title, siteLink: link, articles: articles)
            }
        }
    }

    let store: FeedStore
    let fetcher: MultiFetcher
    let settings: FetchSettings
    let credentialsDirectory: String?

    public init(store: FeedStore, fetcher: MultiFetcher, settings: FetchSettings, credentialsDirectory: String?) {
        self.store = store
        self.fetcher = fetcher
        self.settings = settings
        self.credentialsDirectory = credentialsDirectory
    }

    /// Whether `feed` asks for full text at all.
    public static func applies(to feed: StoredFeed) -> Bool {
        feed.options.fullText.map { $0 != "off" } ?? false
    }

    /// Fetches and extracts the pages of `document`'s new entries; `completion` runs on `queue` with the document
    /// to store. Extraction (parsing each page) runs on `queue` too.
    public func enrich(
        _ document: FeedDocument, of feed: StoredFeed, on queue: DispatchQueue,
        completion: @escaping @Sendable (Outcome) -> Void
    ) {
        guard let text = feed.options.fullText, let rule = try? FullTextRule(text), rule != .off else {
            // A rule this build cannot read (a store written by another feedd): no pages, and what is stored stays.
            completion(Outcome(document: document, report: nil, deferred: 0, known: Set(document.entries.map(\.id))))
            return
        }
        let known: Set<String>
        do {
            known = try store.knownEntryIDs(feedID: feed.id, among: document.entries.map(\.id))
        } catch {
            // Without knowing what is new, storing would put teasers over stored full text: nothing is stored, and
            // the next fetch (without validators) tries again.
            var report = FullTextReport()
            report.lastError = "\(feed.url): cannot read the feed's articles: \(error)"
            var empty = document
            empty.entries = []
            completion(Outcome(document: empty, report: report, deferred: document.entries.count))
            return
        }
        let candidates = document.entries.indices.filter { index in
            !known.contains(document.entries[index].id) && (document.entries[index].link.map(Self.isWebPage) ?? false)
        }
        // Pages asked before (a syndicated article, a retry, an entry the store keeps refusing) are asked again
        // conditionally and do not count against the budget, which is for pages never fetched.
        let cached = (try? store.fullTextPages(candidates.compactMap { document.entries[$0].link })) ?? [:]
        var chosen: [Int] = []
        var deferred = Set<Int>()
        var fresh = 0
        for index in candidates {
            if cached[document.entries[index].link ?? ""] != nil {
                chosen.append(index)
            } else if fresh < max(settings.fullTextPages, 1) {
                chosen.append(index)
                fresh += 1
            } else {
                deferred.insert(index)
            }
        }
        let waiting = deferred
        let batch = PageBatch(document: document, pages: chosen.count, queue: queue) { entries, report, retrying in
            let left = waiting.union(retrying)
            var enriched = document
            enriched.entries = entries.indices.filter { !left.contains($0) }.map { entries[$0] }
            completion(Outcome(document: enriched, report: report, deferred: left.count, known: known))
        }
        for index in chosen {
            let link = document.entries[index].link ?? ""
            // Each page is extracted on the worker as soon as it arrives (its body waits only in the worker's queue),
            // rather than all bodies until the last page is in.
            let extract: @Sendable (Result<FetchResponse, FetchError>) -> Void = { result in
                queue.async {
                    batch.update(index) { entry, report in
                        Self.apply(result, to: &entry, link: link, rule: rule, cached: cached[link], report: &report)
                    }
                }
            }
            do {
                fetcher.fetch(try request(for: link, of: feed, cached: cached[link]), completion: extract)
            } catch {
                extract(.failure(error))
            }
        }
    }

    /// `enrich` for a command: blocks the calling thread until the pages are fetched and extracted.
    public func enrichWaiting(_ document: FeedDocument, of feed: StoredFeed) -> Outcome {
        let finished = DispatchSemaphore(value: 0)
        let result = Mutex<Outcome?>(nil)
        enrich(document, of: feed, on: DispatchQueue(label: "feedd.fulltext", qos: .userInitiated)) { outcome in
            result.withLock { $0 = outcome }
            finished.signal()
        }
        finished.wait()
        return result.withLock { $0 } ?? Outcome(document: document, report: nil, deferred: 0)
    }

    /// The request for an article page: the feed's user agent, proxy and cookies; its credentials and added headers
    /// only when the page is on the feed's own origin; never a file.
    func request(for link: String, of feed: StoredFeed, cached: FullTextReport.Page?) throws(FetchError)
        -> FetchRequest
    {
        let options = FetchRequest.isSameOrigin(link, feed.url) ? feed.options : feed.options.withoutOriginSecrets
        var request = try FetchPolicy.applying(
            options,
            to: FetchPolicy.request(
                url: link, etag: cached?.etag, lastModified: cached?.lastModified, settings: settings),
            credentialsDirectory: credentialsDirectory)
        request.allowFileURL = false
        return request
    }

    /// Puts a page's content into its entry when it improves on the feed's, and accounts for the page.
    ///
    /// - Returns: true when the entry should wait for the feed's next fetch: its page failed in a way that may pass
    ///   (a timeout, a refused connection, 429 or a 5xx), fewer than `pageAttempts` times so far.
    static func apply(
        _ result: Result<FetchResponse, FetchError>, to entry: inout Entry, link: String, rule: FullTextRule,
        cached: FullTextReport.Page?, report: inout FullTextReport
    ) -> Bool {
        func fail(_ message: String, transient: Bool) -> Bool {
            let attempts = (cached?.failures ?? 0) + 1
            if transient && attempts < pageAttempts {
                // Remembered with no validators, so the next try asks afresh.
                report.pages.append(FullTextReport.Page(url: link, failures: attempts))
                report.retrying += 1
                return true
            }
            report.failed += 1
            report.lastError = message
            return false
        }
        let extracted: ExtractedContent?
        switch result {
        case .failure(let error) where cached?.contentHTML != nil:
            // Extracted before and unreachable now: what it held then stands, and what is remembered of it too.
            _ = error
            extracted = Self.content(of: cached)
        case .failure(let error):
            return fail(error.description, transient: Self.isTransient(error.kind))
        case .success(let response) where response.status == 304 && cached != nil:
            // Unchanged since it was extracted: what extraction made of it then still holds.
            extracted = Self.content(of: cached)
        case .success(let response) where (200..<300).contains(response.status):
            var fresh = HTMLPage(bytes: response.body, url: response.finalURL, httpCharset: response.charset)
                .flatMap { ContentExtractor.extract(from: $0, rule: rule) }
            if let canonical = fresh?.canonicalURL, !Self.isSameSite(canonical, response.finalURL) {
                // A page elsewhere must not claim another story's identity.
                fresh?.canonicalURL = nil
            }
            report.pages.append(
                FullTextReport.Page(
                    url: link, etag: response.etag, lastModified: response.lastModified,
                    contentHTML: fresh.flatMap { $0.isPaywallStub ? nil : $0.html }, canonicalURL: fresh?.canonicalURL))
            if let fresh, fresh.isPaywallStub {
                // The site works as it is meant to: the article is for subscribers. The teaser stays, and the feed
                // is not called unhealthy for it.
                report.paywalled += 1
                return false
            }
            extracted = fresh
        case .success(let response):
            let transient = [408, 425, 429].contains(response.status) || (500..<600).contains(response.status)
            return fail(FetchError(url: link, kind: .httpStatus(response.status)).description, transient: transient)
        }
        guard let extracted else {
            return fail("\(link): no article content found in the page", transient: false)
        }
        report.extracted += 1
        let feedText = HTMLPlainText.text(fromMarkup: entry.content ?? entry.summary ?? "")
        if ContentExtractor.improves(extracted, on: feedText) {
            if entry.content != nil && entry.summary == nil {
                // The feed's own content becomes the summary it stood in for.
                entry.summary = entry.content
            }
            entry.content = extracted.html
        }
        if entry.originalLink == nil, let canonical = extracted.canonicalURL, canonical != entry.link {
            // The page's own address is the story's identity, as a FeedBurner origLink is.
            entry.originalLink = canonical
        }
        return false
    }

    /// What extraction made of a remembered page, as extracted content.
    static func content(of page: FullTextReport.Page?) -> ExtractedContent? {
        page?.contentHTML.map { html in
            let text = HTMLPlainText.text(fromMarkup: html)
            return ExtractedContent(
                html: html, text: text, wordCount: ContentExtractor.wordCount(of: text),
                canonicalURL: page?.canonicalURL, title: nil, isPaywallStub: false)
        }
    }

    /// How often an article's page is tried, over the feed's fetches, before its article is stored with the feed's
    /// own content.
    static let pageAttempts = 3

    /// Failures that may pass by the next fetch; the others (a refused address, a body too large, too many
    /// redirects) would only fail again.
    static func isTransient(_ kind: FetchError.Kind) -> Bool {
        switch kind {
        case .dns, .connect, .tls, .connectTimeout, .deadline, .tooSlow: true
        case .httpStatus(let status): status == 429 || status >= 500
        default: false
        }
    }

    /// Whether a page's canonical URL is on the site it was fetched from (the same host, or the same last two
    /// labels of it, as www.example.org and example.org are).
    static func isSameSite(_ canonical: String, _ page: String) -> Bool {
        func site(_ url: String) -> String? {
            URLComponents(string: url)?.host.map {
                $0.lowercased().split(separator: ".").suffix(2).joined(separator: ".")
            }
        }
        guard let canonicalSite = site(canonical) else { return false }
        return canonicalSite == site(page)
    }

    static func isWebPage(_ link: String) -> Bool {
        let lowered = link.prefix(8).lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }
}
