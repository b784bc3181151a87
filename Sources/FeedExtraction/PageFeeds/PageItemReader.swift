import FeedHTML
import FeedModel
import FeedParsing
import Foundation

/// Turns a page's items into entries one by one, keeping count of what it had to skip or could not read.
struct PageItemReader {
    private let page: HTMLPage
    private let selection: PageSelection
    private let rules: HTMLItemRules
    private let maximumEntries: Int

    private(set) var entries: [Entry] = []
    private var seenLinks: Set<String> = []
    private var withoutLink = 0
    private var repeatedLink = 0
    private var pastCap = 0
    private var unreadableDates = 0
    private var firstUnreadableDate = ""
    /// The most bytes of markup one item's summary is made of, and all the items' summaries together: a page of
    /// items is a list of teasers, and these caps bound what a hostile one can make the reader copy.
    static let maxSummaryBytes = 64 * 1024
    static let maxSummaryBytesInAll = 8 * 1024 * 1024
    private var summaryBytes = 0
    private var summariesPastBudget = 0
    /// Fields whose selector libxml2 failed on, with the first reason.
    private var failedSelectors: [(selector: NodeSelector, reason: String)] = []

    init(page: HTMLPage, rules: HTMLItemRules, maximumEntries: Int) {
        self.page = page
        self.selection = PageSelection(page: page)
        self.rules = rules
        self.maximumEntries = max(0, maximumEntries)
    }

    /// Adds `item`'s entry, or counts why it has none.
    mutating func read(_ item: HTMLNode) {
        guard let link = link(of: item) else {
            withoutLink += 1
            return
        }
        guard seenLinks.insert(link).inserted else {
            repeatedLink += 1
            return
        }
        guard entries.count < maximumEntries else {
            pastCap += 1
            return
        }
        let title = nodes(rules.title, in: item).first?.text
        entries.append(
            Entry(
                id: link, title: title?.isEmpty == false ? title : nil, link: link, published: date(of: item),
                summary: summary(of: item)))
    }

    /// What the page's document should report, in a stable order.
    var problems: [ParseProblem] {
        var messages: [String] = []
        for (selector, reason) in failedSelectors {
            messages.append("selector \(selector) failed: \(reason)")
        }
        if summariesPastBudget > 0 {
            messages.append(
                "left out the summaries of \(Self.items(summariesPastBudget)) past \(Self.maxSummaryBytesInAll >> 20) MiB"
            )
        }
        if withoutLink > 0 {
            messages.append("skipped \(Self.items(withoutLink)) without an http(s) link from \(rules.link)")
        }
        if repeatedLink > 0 {
            messages.append("skipped \(Self.items(repeatedLink)) repeating an earlier item's link")
        }
        if pastCap > 0 {
            messages.append("skipped \(Self.items(pastCap)) past the cap of \(maximumEntries)")
        }
        if unreadableDates > 0 {
            messages.append(
                "could not read the date of \(Self.items(unreadableDates)), such as \"\(firstUnreadableDate)\"")
        }
        return messages.map { ParseProblem(line: 0, message: $0) }
    }

    private static func items(_ count: Int) -> String {
        count == 1 ? "1 item" : "\(count) items"
    }

    /// The item's link, absolute, when it is http or https.
    private mutating func link(of item: HTMLNode) -> String? {
        guard let node = nodes(rules.link, in: item).first else {
            return nil
        }
        let text = (node.name.first != "#" ? node.attribute("href") : nil) ?? node.text
        guard let resolved = URLResolver.resolve(text.trimmingASCIIWhitespace(), against: page.url),
            let scheme = URLResolver.scheme(of: resolved)?.lowercased(), scheme == "http" || scheme == "https"
        else {
            return nil
        }
        return resolved
    }

    /// The item's date, when its selector matches something that reads as one.
    private mutating func date(of item: HTMLNode) -> Date? {
        guard let selector = rules.date, let node = nodes(selector, in: item).first else {
            return nil
        }
        let text = ((node.name.first != "#" ? node.attribute("datetime") : nil) ?? node.text)
            .collapsingAllASCIIWhitespace()
        guard !text.isEmpty else {
            return nil
        }
        guard let date = DateText.parse(text) else {
            if unreadableDates == 0 {
                firstUnreadableDate = String(text.prefix(64))
            }
            unreadableDates += 1
            return nil
        }
        return date
    }

    /// The item's summary: every node its selector matches, as one sanitized HTML fragment.
    private mutating func summary(of item: HTMLNode) -> String? {
        guard let selector = rules.summary else {
            return nil
        }
        guard summaryBytes < Self.maxSummaryBytesInAll else {
            summariesPastBudget += 1
            return nil
        }
        var html = ""
        for node in nodes(selector, in: item) where html.utf8.count < Self.maxSummaryBytes {
            html += node.outerHTML
        }
        if html.utf8.count > Self.maxSummaryBytes {
            // Cut at a character; the sanitizer closes what the cut leaves open.
            html = String(decoding: html.utf8.prefix(Self.maxSummaryBytes), as: UTF8.self)
        }
        summaryBytes += html.utf8.count
        let sanitized = HTMLSanitizer.sanitize(html, baseURL: page.url).trimmingASCIIWhitespace()
        return sanitized.isEmpty ? nil : sanitized
    }

    /// The nodes `selector` matches in `item`; a failure is noted once per selector and reads as no match.
    private mutating func nodes(_ selector: NodeSelector, in item: HTMLNode) -> [HTMLNode] {
        do {
            return try selection.nodes(matching: selector, in: item)
        } catch {
            if !failedSelectors.contains(where: { $0.selector == selector }) {
                failedSelectors.append((selector, error.reason))
            }
            return []
        }
    }
}
