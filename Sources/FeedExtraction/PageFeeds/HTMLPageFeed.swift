import FeedHTML
import FeedModel
import FeedParsing
import Foundation

/// Reads a web page without a feed as a feed document, with the owner's selectors (a `kind = "html"` feed).
///
/// Each item becomes an entry whose id is its link resolved against the page (its `<base href>` when it has
/// one); items without an http(s) link, or with the link of an earlier item, are skipped and counted in a
/// problem. Titles are plain text, dates are read as feed dates are, summaries are sanitized HTML. The document's
/// title is the page's `<title>` and its link the page's URL; its format is `.html` and its version "".
/// Anything odd about the page (no items, skipped items, dates it cannot read, a selector libxml2 gave up on) is
/// a problem, and the document is then marked `bozo`. Pure: safe to call from any thread.
public enum HTMLPageFeed {
    /// The page's items as a feed document, at most `maximumEntries` of them.
    ///
    /// Throws when the page is empty, does not start with markup, is an RSS or Atom feed, or the item selector cannot
    /// be evaluated on it.
    public static func document(
        from bytes: [UInt8], url: String, httpCharset: String?, rules: HTMLItemRules,
        maximumEntries: Int = FeedParserOptions.defaultMaximumEntries
    ) throws(HTMLPageError) -> FeedDocument {
        try requireMarkup(bytes, url: url)
        guard let page = HTMLPage(bytes: bytes, url: url, httpCharset: httpCharset) else {
            throw HTMLPageError(url: url, reason: "libxml2 could not read the page")
        }
        if let root = feedRootSelector.flatMap({ page.select($0).first }) {
            throw HTMLPageError(url: url, reason: "a feed (<\(root.name)>), not a web page: read it as a feed")
        }
        let items: [HTMLNode]
        do {
            items = try page.nodes(matching: rules.item)
        } catch {
            throw HTMLPageError(url: url, reason: "item selector \(rules.item): \(error.reason)")
        }
        var reader = PageItemReader(page: page, rules: rules, maximumEntries: maximumEntries)
        for item in HTMLNode.outermost(items) {
            reader.read(item)
        }
        var problems = reader.problems
        if items.isEmpty {
            problems.insert(ParseProblem(line: 0, message: "no element matches item selector \(rules.item)"), at: 0)
        }
        let title = titleSelector.flatMap { page.select($0).first?.text }
        return FeedDocument(
            format: .html, bozo: !problems.isEmpty, problems: problems,
            title: title?.isEmpty == false ? title : nil, link: url, entries: reader.entries)
    }

    /// A feed's root element where libxml2's HTML parser puts it: an RSS, RDF or Atom document given as a page.
    private static let feedRootSelector = try? NodeSelector("/html/body/*[1][self::rss or self::feed or self::rdf]")

    /// The page's title element.
    private static let titleSelector = try? NodeSelector("(//title)[1]")

    /// Throws unless `bytes` start, after a byte-order mark and whitespace, with `<`: a JSON document, a PDF or an
    /// image would otherwise parse as a page of text with no items, and say nothing about why.
    private static func requireMarkup(_ bytes: [UInt8], url: String) throws(HTMLPageError) {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            return  // UTF-16: libxml2 reads the mark; the bytes are not ASCII to look at
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        guard let first = body.first(where: { !$0.isASCIIWhitespace }) else {
            throw HTMLPageError(url: url, reason: "empty page")
        }
        guard first == UInt8(ascii: "<") else {
            let shown =
                (0x21...0x7E).contains(first)
                ? "\"\(Character(Unicode.Scalar(first)))\"" : "byte 0x\(String(first, radix: 16, uppercase: true))"
            throw HTMLPageError(url: url, reason: "not HTML (it starts with \(shown), not a tag)")
        }
    }
}
