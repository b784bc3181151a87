internal import CLibXML2

/// The elements of a page's body in document order, each with the text it holds, for the scorer and the writer.
///
/// Built in one walk by the tree's own links (no recursion) and measured bottom-up by index: an element's
/// children always come after it. Script, style, forms' controls, hidden elements and the like are not recorded at
/// all; furniture (`ElementHints.isNegative`, `<nav>`, `<aside>`, …) is recorded but `dropped` with everything
/// below it, unless it holds the article (an `<article>`, `<main>` or a body-of-text class below it). At most
/// `limit` elements are read: a hostile page's remainder is ignored.
struct PageElements {
    /// One recorded element.
    struct Element {
        let node: xmlNodePtr
        /// The parent's index; −1 for the root.
        let parent: Int
        let name: String
        let hints: ElementHints
        /// `<article>`, `<main>`, `role="main"` or `itemprop="articleBody"`.
        let isSemanticContainer: Bool
        let isArticleBody: Bool
        /// Inside an `<a>`: its text is link text.
        let inLink: Bool
        /// Inside `pre` or `code`: a highlighter's classes ("token comment") say nothing about the page.
        let inCode: Bool
        /// Furniture by its name or hints, before the exemption for elements that hold the article.
        let isFurniture: Bool
        /// Whether an element directly below is a block element.
        var hasBlockChild = false
        /// An article container (semantic, or a body-of-text class) is this element or below it.
        var holdsContainer = false
        /// Neither this element nor anything below it is content.
        var dropped = false
        /// Non-space characters of all the text below, of the part in links, and commas.
        var characters = 0
        var linkCharacters = 0
        var commas = 0
        /// Characters of the text directly inside or in inline children: a `<div>` of `<br>`-separated lines.
        var inlineCharacters = 0
        var inlineCommas = 0
        /// Counts of some elements below, for the writer's judgement of boxes.
        var paragraphs = 0
        var images = 0
        var listItems = 0
        var preformatted = 0
        var tables = 0
        var headings = 0
        /// Headings below whose text links to another page: a teaser's headline.
        var linkedHeadings = 0
        /// A heading holding a link to another page (not a permalink to its own anchor).
        var isLinkedHeading = false

        var linkDensity: Double {
            characters == 0 ? 0 : Double(linkCharacters) / Double(characters)
        }
    }

    private(set) var elements: [Element] = []
    /// The index of each recorded element's node.
    private(set) var indexOfNode: [xmlNodePtr: Int] = [:]

    /// Reads the elements below `root` (the page's `<body>`, else its root element).
    init(root: xmlNodePtr, limit: Int = 100_000) {
        record(root, parent: -1, parentInLink: false)
        var parents: [Int] = [0]
        var node = root.pointee.children
        var count = 1
        while let current = node {
            var descend = false
            if current.isElement {
                if count < limit, let index = recordIfContent(current, parent: parents.last!) {
                    count += 1
                    if current.pointee.children != nil {
                        parents.append(index)
                        descend = true
                    }
                }
            } else if current.isText {
                addText(current, to: parents.last!)
            }
            if descend {
                node = current.pointee.children
                continue
            }
            // Climb to the next sibling, leaving each recorded element that ends here.
            var climbing = current
            node = nil
            while climbing != root {
                if let sibling = climbing.pointee.next {
                    node = sibling
                    break
                }
                guard let parent = climbing.pointee.parent, parent != root else { break }
                parents.removeLast()
                climbing = parent
            }
        }
        measure()
    }

    subscript(index: Int) -> Element { elements[index] }

    var count: Int { elements.count }

    /// The recorded, not dropped element of `node`, if any.
    func contentIndex(of node: xmlNodePtr) -> Int? {
        guard let index = indexOfNode[node], !elements[index].dropped else { return nil }
        return index
    }

    // MARK: - Reading

    private mutating func recordIfContent(_ node: xmlNodePtr, parent: Int) -> Int? {
        let name = node.elementName
        if HTMLTags.neverContent.contains(name) || Self.isHidden(node) {
            return nil
        }
        if HTMLTags.block.contains(name) {
            elements[parent].hasBlockChild = true
        }
        return record(
            node, parent: parent, parentInLink: elements[parent].inLink, parentInCode: elements[parent].inCode)
    }

    @discardableResult
    private mutating func record(_ node: xmlNodePtr, parent: Int, parentInLink: Bool, parentInCode: Bool = false) -> Int
    {
        let name = node.elementName
        let hints = ElementHints(classAttribute: node.attribute("class"), idAttribute: node.attribute("id"))
        let isArticleBody =
            node.attribute("itemprop")?.lowercased().split(separator: " ").contains("articlebody")
            ?? false
        let role = node.attribute("role")?.lowercased()
        let isSemantic = name == "article" || name == "main" || role == "main" || isArticleBody
        let inCode = parentInCode || name == "pre" || name == "code"
        var isFurniture = false
        if !isArticleBody && !["html", "body", "main"].contains(name) {
            // A heading's classes ("header-anchor", "recipe-header") and code's name no furniture: a heading of
            // furniture goes with its box.
            let judgedByName = !inCode && !HTMLTags.headings.contains(name)
            isFurniture =
                (judgedByName && hints.isNegative)
                || (HTMLTags.furniture.contains(name) && !(name == "aside" && hints.namesCallout))
                || ["navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog"].contains(role)
        }
        if name == "a", parent >= 0, HTMLTags.headings.contains(elements[parent].name),
            let href = node.attribute("href"), !href.hasPrefix("#")
        {
            elements[parent].isLinkedHeading = true
        }
        let index = elements.count
        elements.append(
            Element(
                node: node, parent: parent, name: name, hints: hints, isSemanticContainer: isSemantic,
                isArticleBody: isArticleBody, inLink: parentInLink || name == "a", inCode: inCode,
                isFurniture: isFurniture))
        indexOfNode[node] = index
        return index
    }

    private mutating func addText(_ node: xmlNodePtr, to index: Int) {
        guard let content = node.pointee.content else { return }
        var characters = 0
        var commas = 0
        var pointer = content
        while pointer.pointee != 0 {
            let byte = pointer.pointee
            if byte == UInt8(ascii: ",") {
                commas += 1
            }
            // Count characters, not bytes: skip UTF-8 continuation bytes and ASCII whitespace.
            if byte & 0xC0 != 0x80 && !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C) {
                characters += 1
            }
            pointer += 1
        }
        elements[index].characters += characters
        elements[index].inlineCharacters += characters
        elements[index].commas += commas
        elements[index].inlineCommas += commas
        if elements[index].inLink {
            elements[index].linkCharacters += characters
        }
    }

    /// Hidden by attribute or inline style: a template for a script, a collapsed banner, a duplicate for print.
    static func isHidden(_ node: xmlNodePtr) -> Bool {
        if node.attribute("hidden") != nil || node.attribute("aria-hidden")?.lowercased() == "true" {
            return true
        }
        guard let style = node.attribute("style")?.lowercased().filter({ $0 != " " }) else { return false }
        return style.contains("display:none") || style.contains("visibility:hidden")
    }

    // MARK: - Measuring

    /// Decides what is dropped, then adds each kept element's text and counts into its parent's.
    private mutating func measure() {
        for index in elements.indices.reversed() {
            let element = elements[index]
            let holds =
                element.holdsContainer
                || (!element.isFurniture
                    && (element.isSemanticContainer
                        || element.hints.namesTextContainer))
            elements[index].holdsContainer = holds
            if holds && element.parent >= 0 {
                elements[element.parent].holdsContainer = true
            }
        }
        for index in elements.indices {
            let element = elements[index]
            let parentDropped = element.parent >= 0 && elements[element.parent].dropped
            elements[index].dropped = parentDropped || (element.isFurniture && !element.holdsContainer)
        }
        for index in elements.indices.reversed() where index > 0 {
            let element = elements[index]
            guard !element.dropped else { continue }
            var parent = elements[element.parent]
            parent.characters += element.characters
            parent.linkCharacters += element.linkCharacters
            parent.commas += element.commas
            if !HTMLTags.block.contains(element.name) {
                parent.inlineCharacters += element.characters
                parent.inlineCommas += element.commas
            }
            parent.paragraphs += element.paragraphs + (element.name == "p" ? 1 : 0)
            parent.images += element.images + (element.name == "img" ? 1 : 0)
            parent.listItems += element.listItems + (element.name == "li" ? 1 : 0)
            parent.preformatted += element.preformatted + (element.name == "pre" ? 1 : 0)
            parent.tables += element.tables + (element.name == "table" ? 1 : 0)
            parent.headings += element.headings + (HTMLTags.headings.contains(element.name) ? 1 : 0)
            parent.linkedHeadings += element.linkedHeadings + (element.isLinkedHeading ? 1 : 0)
            elements[element.parent] = parent
        }
    }
}
