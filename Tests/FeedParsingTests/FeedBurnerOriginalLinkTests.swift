import FeedModel
import Testing

@testable import FeedParsing

/// `feedburner:origLink`: the publisher's URL behind a FeedBurner redirect, read on RSS items and Atom entries.
@Suite struct FeedBurnerOriginalLinkTests {
    @Test func rssItemsCarryTheirOriginalLink() throws {
        let document = try FeedParser.parse(try Fixtures.bytes("feeds/feedburner-origlink.xml"))
        #expect(
            document.entries.map(\.originalLink) == [
                "https://blog.example.com/2024/first-post.html", "https://blog.example.com/2024/second-post.html", nil,
            ])
        #expect(document.entries[0].link == "http://feedproxy.google.com/~r/ExampleBlog/~3/abc123/first-post.html")
        #expect(
            document.entries[0].summary
                == "<p>Post body with a <a href=\"https://blog.example.com/about\">link</a>.</p>")
        #expect(document.entries[1].content == "<p>Second body.</p><p></p>")
    }

    @Test func atomEntriesCarryTheirOriginalLink() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
              <title>Atom via FeedBurner</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
              <link rel="alternate" href="https://site.example/"/>
              <entry>
                <id>urn:x:1</id><title>One</title><updated>2024-01-01T00:00:00Z</updated>
                <link rel="alternate" type="text/html" href="http://feedproxy.google.com/~r/Site/~3/x/one"/>
                <feedburner:origLink>https://site.example/one</feedburner:origLink>
                <feedburner:origLink>https://site.example/ignored</feedburner:origLink>
              </entry>
              <entry>
                <id>urn:x:2</id><title>Two</title><updated>2024-01-01T00:00:00Z</updated>
                <feedburner:origLink>   </feedburner:origLink>
              </entry>
            </feed>
            """
        let document = try FeedParser.parse(Array(xml.utf8))
        #expect(document.entries.count == 2)
        #expect(document.entries[0].originalLink == "https://site.example/one")
        #expect(document.entries[0].link == "http://feedproxy.google.com/~r/Site/~3/x/one")
        #expect(document.entries[1].originalLink == nil)
    }

    @Test func anUndeclaredFeedBurnerPrefixIsStillRead() throws {
        let xml = """
            <rss version="2.0"><channel><title>T</title><link>https://site.example/</link>
            <item><title>A</title><link>http://feedproxy.google.com/~r/S/~3/a</link>
            <feedburner:origLink>https://site.example/a</feedburner:origLink></item></channel></rss>
            """
        let document = try FeedParser.parse(Array(xml.utf8))
        #expect(document.entries.first?.originalLink == "https://site.example/a")
    }

    @Test func anotherNamespaceWithTheSameLocalNameIsIgnored() throws {
        let xml = """
            <rss version="2.0" xmlns:x="http://other.example/ns"><channel><title>T</title>
            <item><title>A</title><x:origLink>https://site.example/a</x:origLink></item></channel></rss>
            """
        let document = try FeedParser.parse(Array(xml.utf8))
        #expect(document.entries.first?.originalLink == nil)
    }

    @Test func entriesMadeInCodeDefaultToNoOriginalLink() {
        #expect(Entry(id: "x").originalLink == nil)
        #expect(Entry(id: "x", originalLink: "https://site.example/a").originalLink == "https://site.example/a")
    }
}
