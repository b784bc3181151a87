/// Pages made up for the extractor's tests: an article of `paragraphs` paragraphs in a page with furniture.
enum Article {
    /// One paragraph of about 40 words, numbered so that each is distinct.
    static func paragraph(_ number: Int) -> String {
        "<p>Paragraph \(number) of the story explains, in plain words and at some length, what the council decided "
            + "on Tuesday, why the harbour stayed closed, and what the residents of Quay Street said about the "
            + "sea wall, the sandbags and the forecast for the weekend.</p>"
    }

    /// A page whose article holds `paragraphs` paragraphs, with `head` in its head and `after` after the article.
    static func page(paragraphs: Int, head: String = "", after: String = "") -> String {
        let body = (1...max(paragraphs, 1)).map(paragraph).joined(separator: "\n")
        return """
            <!DOCTYPE html><html><head><title>Harbour closed | The Ledger</title>\(head)</head><body>
            <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
            <article><h1>Harbour closed</h1><div class="story-body">\(paragraphs > 0 ? body : "")</div></article>
            \(after)
            <footer><p>© The Ledger. <a href="/privacy">Privacy</a></p></footer></body></html>
            """
    }
}
