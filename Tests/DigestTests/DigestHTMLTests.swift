import Foundation
import Testing

@testable import Digest

@Suite struct DigestHTMLTests {
    static let hostileTitle = "<script>alert(\"x\")</script> & \"quoted\" 'single'"
    static let hostileFeed = "Evil <img src=x onerror=alert(1)> Feed"

    static func hostileDigest(images: Bool) -> DigestDocument {
        Fixtures.build(
            [
                Fixtures.article(
                    id: 1, feed: 1, feedTitle: hostileFeed, tags: ["</style><script>alert(2)</script>"],
                    title: hostileTitle, link: "javascript:alert(1)", text: "Text <b onclick=\"x\">bold</b>.",
                    image: "javascript:alert(3)"),
                Fixtures.article(
                    id: 2, feed: 2, feedTitle: "Quote \" Feed", title: "Attribute breakout",
                    canonical: "https://example.com/a\"onmouseover=\"alert(1)", text: nil,
                    image: "https://img.example.com/x.png\"onerror=\"alert(4)"),
                Fixtures.article(
                    id: 3, feed: 3, title: "Data URL", link: "data:text/html,<script>alert(5)</script>",
                    image: "data:image/png;base64,AAAA"),
                Fixtures.article(
                    id: 4, feed: 3, title: "Plain", link: "HTTPS://example.com/upper",
                    image: "http://img.example.com/y.png"),
                Fixtures.article(id: 5, feed: 3, title: "Protocol relative", link: "//evil.example.com/x"),
                Fixtures.article(id: 6, feed: 3, title: "Spaces", link: "https://exa mple.com/\u{0}x"),
            ],
            problems: [
                DigestFeedProblem(
                    feedTitle: "<iframe src=x>", url: "javascript:alert(6)",
                    kind: .failing(since: Fixtures.base, status: nil, error: "<link rel=stylesheet href=x>"))
            ],
            request: Fixtures.request(images: images))
    }

    @Test(arguments: [false, true])
    func hostileContentStaysText(wantsImages: Bool) throws {
        let html = DigestRenderer.html(Self.hostileDigest(images: wantsImages))
        let parsed = ParsedHTML(html)
        #expect(!parsed.elements.isEmpty)
        for forbidden in ["script", "iframe", "link", "object", "embed", "base", "form", "frame", "svg", "math"] {
            #expect(parsed.all(forbidden).isEmpty, "found <\(forbidden)>")
        }
        for element in parsed.elements {
            for attribute in element.attributes {
                #expect(!attribute.name.lowercased().hasPrefix("on"), "<\(element.name) \(attribute.name)>")
                #expect(attribute.name != "style" && attribute.name != "srcset" && attribute.name != "background")
            }
        }
        // The only URLs are http(s) article links, links to numbered sections of the page itself and, with images,
        // http(s) image sources.
        let ids = Set(parsed.elements.compactMap { $0.attribute("id") })
        for element in parsed.elements {
            if let id = element.attribute("id") {
                #expect(id == "health" || id.hasPrefix("group-") && Int(id.dropFirst(6)) != nil, "\(id)")
            }
            if let href = element.attribute("href") {
                #expect(element.name == "a")
                if href.hasPrefix("#") {
                    #expect(ids.contains(String(href.dropFirst())), "\(href)")
                    continue
                }
                #expect(
                    href.hasPrefix("https://") || href.hasPrefix("http://") || href.hasPrefix("HTTPS://"), "\(href)")
                #expect(element.attribute("rel") == "noopener noreferrer")
            }
            if let src = element.attribute("src") {
                #expect(element.name == "img")
                #expect(src.hasPrefix("https://") || src.hasPrefix("http://"), "\(src)")
            }
        }
        let links = parsed.all("a").filter { $0.attribute("href")?.hasPrefix("#") == false }
        #expect(
            links.map { $0.attribute("href") ?? "" }.sorted() == [
                "HTTPS://example.com/upper", "https://example.com/a\"onmouseover=\"alert(1)",
            ])
        // Hostile text arrives as text, exactly.
        #expect(parsed.elements.contains { $0.name == "h4" && $0.text == Self.hostileTitle })
        #expect(parsed.elements.contains { $0.name == "h3" && $0.text == Self.hostileFeed })
        #expect(parsed.elements.contains { $0.name == "h2" && $0.text == "</style><script>alert(2)</script>" })
        #expect(parsed.elements.contains { $0.name == "span" && $0.text == "javascript:alert(6)" })
        #expect(parsed.all("style").count == 1)
        #expect(!html.contains("<script"))

        let images = parsed.all("img")
        #expect(images.allSatisfy { $0.attribute("loading") == "lazy" && $0.attribute("alt") == "" })
        let expectedImages = ["http://img.example.com/y.png", "https://img.example.com/x.png\"onerror=\"alert(4)"]
        #expect(images.map { $0.attribute("src") ?? "" }.sorted() == (wantsImages ? expectedImages : []))
    }

    @Test func imagesOnlyWhenRequested() {
        let article = Fixtures.article(id: 1, feed: 1, image: "https://img.example.com/a.jpg")
        let without = ParsedHTML(
            DigestRenderer.html(Fixtures.build([article], request: Fixtures.request(images: false))))
        let with = ParsedHTML(DigestRenderer.html(Fixtures.build([article], request: Fixtures.request(images: true))))
        #expect(without.all("img").isEmpty)
        #expect(with.all("img").map { $0.attribute("src") } == ["https://img.example.com/a.jpg"])
    }

    @Test func selfContainedHead() throws {
        let html = DigestRenderer.html(Fixtures.build([Fixtures.article(id: 1, feed: 1)]))
        let parsed = ParsedHTML(html)
        let metas = parsed.all("meta")
        #expect(metas.contains { $0.attribute("charset") == "utf-8" })
        #expect(
            metas.contains {
                $0.attribute("name") == "viewport" && $0.attribute("content") == "width=device-width, initial-scale=1"
            })
        #expect(
            metas.contains {
                $0.attribute("http-equiv") == "Content-Security-Policy"
                    && $0.attribute("content") == "default-src 'none'; style-src 'unsafe-inline'; img-src https: http:"
            })
        let style = try #require(parsed.all("style").first)
        #expect(style.text.contains("prefers-color-scheme: dark"))
        #expect(style.text.contains("@media print"))
        #expect(style.text.contains("max-width: 42rem"))
        #expect(!style.text.contains("url("))
        #expect(!style.text.contains("@import"))
        #expect(!style.text.contains("@font-face"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(parsed.all("title").first?.text == "feedd digest — Sunday, 29 November 2026")
    }

    @Test func entryLayout() {
        let digest = Fixtures.build([
            Fixtures.article(
                id: 1, story: 5, feed: 1, feedTitle: "Main", title: "Story", link: "https://example.com/s",
                published: Fixtures.base - 3600, firstSeen: Fixtures.base - 100, text: "Summary here."),
            Fixtures.article(id: 2, story: 5, feed: 2, feedTitle: "Other Feed", firstSeen: Fixtures.base - 50),
        ])
        let parsed = ParsedHTML(DigestRenderer.html(digest))
        #expect(parsed.all("article").count == 1)
        #expect(parsed.all("a").first?.text == "Story")
        #expect(parsed.elements.contains { $0.name == "p" && $0.text == "Sun 29 Nov, 05:00" })
        #expect(parsed.elements.contains { $0.name == "p" && $0.text == "Summary here." })
        #expect(parsed.elements.contains { $0.name == "p" && $0.text == "also in: Other Feed" })
        #expect(parsed.elements.contains { $0.name == "p" && $0.text == "1 story from 1 feed" })
    }
}
