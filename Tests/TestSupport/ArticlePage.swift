/// Article pages and a feed of teasers linking them, served by the full-text tests to the built programs.
public enum ArticlePage {
    /// An article page with the furniture extraction must leave out: navigation, a cookie banner, related links,
    /// a footer.
    public static func html(_ number: Int) -> String {
        let sentences = (1...12).map {
            "Sentence \($0) of the body of story \(number) says something new about rivers."
        }
        let paragraphs = stride(from: 0, to: sentences.count, by: 3).map {
            "<p>" + sentences[$0..<min($0 + 3, sentences.count)].joined(separator: " ") + "</p>"
        }
        return """
            <!DOCTYPE html><html><head><title>Story \(number) | The Daily River</title>
            <link rel="canonical" href="/stories/\(number)"></head><body>
            <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
            <div class="cookie-banner">We use cookies. <a href="/privacy">Privacy</a> <button>Accept</button></div>
            <article><h1>Story \(number)</h1>\(paragraphs.joined())</article>
            <aside class="related"><h2>Related</h2><a href="/a">Another story</a> <a href="/b">And another</a></aside>
            <footer>© The Daily River · <a href="/contact">Contact</a></footer></body></html>
            """
    }

    public static func teaserFeed(_ server: LoopbackHTTPServer, items: [Int], path: (Int) -> String) -> String {
        let entries = items.map { number in
            """
            <item><title>Story \(number)</title><link>\(server.url(path(number)))</link><guid>story-\(number)</guid>
            <description>Story \(number) in two lines.</description></item>
            """
        }
        return """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Teasers</title><link>\(server.url("/"))</link>
            \(entries.joined(separator: "\n"))</channel></rss>
            """
    }
}
