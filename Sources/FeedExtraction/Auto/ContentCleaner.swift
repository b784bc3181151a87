internal import CLibXML2
import FeedHTML

/// Decides which elements inside the chosen content are the article's and which are furniture left inside it.
///
/// Out go the elements `PageElements` dropped (scripts, navigation, share bars, comments, related boxes, …), the
/// heading that repeats the page's title, boxes mostly made of links ("More on this", tag lists), and empty
/// boxes; code, tables, figures, headings and lists stay.
struct ContentCleaner {
    let elements: PageElements
    /// The page's titles as `comparable(_:)` makes them.
    let titles: [String]

    /// The characters of the whole chosen content.
    let contentCharacters: Int

    init(elements: PageElements, chosen: [Int], titles: [String]) {
        self.elements = elements
        self.titles = titles.map(Self.comparable).filter { !$0.isEmpty }
        contentCharacters = chosen.reduce(0) { $0 + elements[$1].characters }
    }

    /// Boxes judged by their text and links rather than by their name.
    private static let boxes: Set<String> = ["div", "section", "ul", "ol", "dl", "table", "aside", "figure", "center"]

    /// A box this short that speaks of subscribing is a notice, not the article.
    private static let noticeLimit = 600

    /// Whether `node` and what it holds belong in the article.
    func keeps(_ node: xmlNodePtr) -> Bool {
        guard let index = elements.contentIndex(of: node) else {
            // Not recorded: never content (a script, a control, a hidden element) or past the element limit.
            return false
        }
        let element = elements[index]
        if element.name == "h1" {
            return !repeatsTitle(node)
        }
        if element.name == "a", node.attribute("href")?.hasPrefix("#") == true,
            Self.comparable(node.visibleText()).isEmpty
        {
            // A heading's permalink mark ("¶", "#"): a link to the page itself, with no words.
            return false
        }
        if element.name == "p" {
            // A line that is only a link ("Read more: …") points elsewhere.
            return !(element.linkDensity > 0.8 && element.characters < 160)
        }
        guard Self.boxes.contains(element.name), !element.isSemanticContainer else { return true }
        if element.characters < Self.noticeLimit, PaywallNotices.appear(in: node.visibleText()) {
            // "Subscribe to continue reading": the paywall's box, where the rest of the article would be.
            return false
        }
        if element.preformatted > 0 || (element.tables > 0 && element.linkDensity < 0.5) {
            return true
        }
        if element.linkDensity > 0.5 {
            return false
        }
        if element.linkedHeadings >= 2 && element.linkedHeadings == element.headings
            && element.characters * 5 < contentCharacters * 2
        {
            // Headlines that link elsewhere, each over a line of teaser: "You might also like", in a small part of
            // the content. (A page made of such items, a roundup, is most of its content and stays.)
            return false
        }
        if element.characters < 25 && element.images == 0 && element.paragraphs == 0 && element.headings == 0
            && element.name != "table"
        {
            return false
        }
        return true
    }

    /// Whether a heading says what the page's title says: the article's headline, which `title` carries.
    private func repeatsTitle(_ node: xmlNodePtr) -> Bool {
        let heading = Self.comparable(node.visibleText())
        guard !heading.isEmpty else { return false }
        return titles.contains { $0.contains(heading) || heading.contains($0) }
    }

    /// `text` lower-cased, its letters and digits only, words separated by one space: "Backups¶" is "backups".
    static func comparable(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.lowercased().unicodeScalars {
            if ContentExtractor.isWordCharacter(scalar) {
                if pendingSpace && !result.isEmpty { result.append(" ") }
                result.unicodeScalars.append(scalar)
                pendingSpace = false
            } else {
                pendingSpace = true
            }
        }
        return result
    }
}
