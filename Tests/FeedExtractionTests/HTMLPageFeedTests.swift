import FeedModel
import Foundation
import Testing

@testable import FeedExtraction

@Suite struct HTMLPageFeedTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        try Array(Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static func newsRules() throws -> HTMLItemRules {
        HTMLItemRules(
            item: try NodeSelector("//article"), title: try NodeSelector(".//h2"),
            link: try NodeSelector(".//h2/a/@href"), date: try NodeSelector(".//time/@datetime"),
            summary: try NodeSelector(".//p[@class='dek']"))
    }

    static func blogRules() throws -> HTMLItemRules {
        HTMLItemRules(
            item: try NodeSelector("css:ul.posts > li.post"), title: try NodeSelector("css:a.title"),
            link: try NodeSelector("css:a.title"), date: try NodeSelector("css:.date"),
            summary: try NodeSelector("css:.excerpt > p"))
    }

    static func date(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text)
    }

    @Test func newsIndexGivesOneEntryPerStory() throws {
        let document = try HTMLPageFeed.document(
            from: Self.bytes("news-index.html"), url: "https://harbour.example/", httpCharset: nil,
            rules: Self.newsRules())
        #expect(document.format == .html)
        #expect(document.title == "The Harbour Gazette — Latest news")
        #expect(document.link == "https://harbour.example/")
        #expect(
            document.entries.map(\.id) == [
                "https://harbour.example/news/2026/12/04/ferry-timetable",
                "https://sport.harbour.example/rowing/regatta",
                "https://harbour.example/news/2026/12/02/library-hours?ref=front",
            ])
        #expect(document.entries.map(\.link) == document.entries.map(\.id))
        #expect(
            document.entries.map(\.title) == [
                "Winter ferry timetable announced", "Regatta moves to May", "Library extends opening hours",
            ])
        #expect(
            document.entries.map(\.published) == [
                Self.date("2026-12-04T06:30:00Z"), Self.date("2026-12-03T00:00:00Z"), nil,
            ])
        let summaries = document.entries.map { $0.summary ?? "" }
        #expect(summaries[0].contains("<b>islands</b>"))
        #expect(summaries[0].contains("href=\"https://harbour.example/news/2026/12/04/ferry-timetable#comments\""))
        #expect(!summaries[1].contains("track") && summaries[1].contains("Organisers cite the weather."))
        #expect(summaries[2].contains("src=\"https://harbour.example/img/library.jpg\""))
        #expect(document.bozo)
        #expect(
            document.problems.map(\.message) == [
                "skipped 2 items without an http(s) link from xpath:.//h2/a/@href",
                "skipped 1 item repeating an earlier item's link",
            ])
    }

    @Test func blogListReadsCSSBaseHrefAndTheDeclaredCharset() throws {
        let document = try HTMLPageFeed.document(
            from: Self.bytes("blog-list.html"), url: "https://allotment.example/garden/index.html",
            httpCharset: nil, rules: Self.blogRules())
        #expect(
            document.entries.map(\.id) == [
                "https://allotment.example/garden/2026/11/leeks.html",
                "https://allotment.example/garden/2026/11/frost.html",
                "https://allotment.example/garden/2026/10/compost.html",
            ])
        #expect(document.entries.map(\.title) == ["Leeks, again", "First frost", "Compost café notes"])
        #expect(
            document.entries.map(\.published) == [
                Self.date("2026-11-28T00:00:00Z"), nil, Self.date("2026-10-12T09:00:00Z"),
            ])
        let summary = try #require(document.entries[0].summary)
        #expect(summary.contains("href=\"https://allotment.example/about.html\""))
        #expect(summary.contains("They never disappoint.") && !summary.contains("onclick"))
        #expect(document.problems.map(\.message) == ["could not read the date of 1 item, such as \"last Tuesday\""])
    }

    @Test func noMatchingItemIsAnEmptyFeedThatSaysWhy() throws {
        let rules = HTMLItemRules(
            item: try NodeSelector("css:div.no-such-thing"), title: try NodeSelector(".//h2"),
            link: try NodeSelector(".//a/@href"))
        let document = try HTMLPageFeed.document(
            from: Self.bytes("news-index.html"), url: "https://harbour.example/", httpCharset: nil, rules: rules)
        #expect(document.entries.isEmpty)
        #expect(document.bozo)
        #expect(document.problems.map(\.message) == ["no element matches item selector css:div.no-such-thing"])
    }

    @Test func entriesStopAtTheCap() throws {
        let document = try HTMLPageFeed.document(
            from: Self.bytes("news-index.html"), url: "https://harbour.example/", httpCharset: nil,
            rules: Self.newsRules(), maximumEntries: 1)
        #expect(document.entries.count == 1)
        #expect(document.problems.map(\.message).contains("skipped 2 items past the cap of 1"))
    }

    @Test(
        arguments: [
            ("", "https://x.example/: empty page"),
            (" \n\t", "https://x.example/: empty page"),
            (
                "{\"version\": \"https://jsonfeed.org/version/1.1\"}",
                "https://x.example/: not HTML (it starts with \"{\", not a tag)"
            ),
            ("%PDF-1.7", "https://x.example/: not HTML (it starts with \"%\", not a tag)"),
            (
                "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>x</title></channel></rss>",
                "https://x.example/: a feed (<rss>), not a web page: read it as a feed"
            ),
            (
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>",
                "https://x.example/: a feed (<feed>), not a web page: read it as a feed"
            ),
            ("\u{1}\u{2}", "https://x.example/: not HTML (it starts with byte 0x1, not a tag)"),
        ])
    func somethingOtherThanHTMLIsAnError(body: String, message: String) throws {
        let rules = try Self.newsRules()
        do {
            _ = try HTMLPageFeed.document(
                from: Array(body.utf8), url: "https://x.example/", httpCharset: nil, rules: rules)
            Issue.record("read as a page")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func anItemSelectorThatFailsIsAnError() throws {
        let rules = HTMLItemRules(
            item: try NodeSelector("//article[no-such-function()]"), title: try NodeSelector(".//h2"),
            link: try NodeSelector(".//a/@href"))
        let page = try Self.bytes("news-index.html")
        do {
            _ = try HTMLPageFeed.document(from: page, url: "https://harbour.example/", httpCharset: nil, rules: rules)
            Issue.record("evaluated")
        } catch {
            #expect(error.description.hasPrefix("https://harbour.example/: item selector xpath://article[no-such"))
        }
    }

    @Test func aFieldSelectorThatFailsIsAProblem() throws {
        let rules = HTMLItemRules(
            item: try NodeSelector("//article"), title: try NodeSelector(".//h2[no-such-function()]"),
            link: try NodeSelector(".//h2/a/@href"))
        let document = try HTMLPageFeed.document(
            from: Self.bytes("news-index.html"), url: "https://harbour.example/", httpCharset: nil, rules: rules)
        #expect(document.entries.count == 3)
        #expect(document.entries.allSatisfy { $0.title == nil })
        #expect(document.problems.first?.message.hasPrefix("selector xpath:.//h2[no-such-function()] failed: ") == true)
    }
}

/// A hostile page of items: nesting and size cannot multiply what the reader copies.
@Suite struct HostilePageFeedTests {
    @Test func nestedItemsAreReadOnceAndSummariesAreCapped() throws {
        // 120 items, each inside the one before, each with a paragraph and a link: read naively, every level would
        // copy the whole subtree below it.
        let paragraph = "<p>" + String(repeating: "word ", count: 2_000) + "</p>"
        var page = "<html><body>"
        for level in 0..<120 {
            page += "<div class=\"post\"><h2>Level \(level)</h2><a href=\"/item/\(level)\">link</a>" + paragraph
        }
        page += String(repeating: "</div>", count: 120) + "</body></html>"
        let rules = HTMLItemRules(
            item: try NodeSelector("css:div.post"), title: try NodeSelector(".//h2"),
            link: try NodeSelector(".//a/@href"), summary: try NodeSelector("css:p"))

        let document = try HTMLPageFeed.document(
            from: Array(page.utf8), url: "https://example.org/", httpCharset: nil, rules: rules)

        #expect(document.entries.count == 1)
        #expect(document.entries[0].link == "https://example.org/item/0")
        #expect((document.entries[0].summary?.utf8.count ?? 0) <= 70 * 1024)
    }
}
