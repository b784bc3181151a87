import FeedHTML

/// The `auto` rule's choice of an article's elements in a page: a readability-style scorer of our own.
///
/// Each paragraph (a `<p>`, `<pre>`, list item, cell, or a block of loose text) earns points for its length and
/// commas, given in full to its parent, half to its grandparent and less further up. An element's points start
/// from its name and hints (`<article>`, `itemprop="articleBody"`, "entry-content" up; "comment", "sidebar"
/// down) and are cut by its link density. The best element wins, and its siblings join when they score near it
/// or read as paragraphs of the same text (an article split around an advertisement).
struct ContentScorer {
    let elements: PageElements

    /// The indices of the article's elements, in document order; empty when no element holds a paragraph.
    func chooseContent() -> [Int] {
        let scores = score()
        guard var best = bestCandidate(in: scores) else { return [] }
        best = widen(best, scores: scores)
        return withSiblings(of: best, scores: scores)
    }

    // MARK: - Scoring

    /// Points of each candidate that earned any, already cut by link density.
    func score() -> [Int: Double] {
        var raw: [Int: Double] = [:]
        for index in 0..<elements.count {
            let element = elements[index]
            guard !element.dropped, let points = paragraphPoints(element) else { continue }
            // A block of loose text scores its own container; a paragraph element scores its ancestors.
            var ancestor = HTMLTags.block.contains(element.name) && element.hasBlockChild ? index : element.parent
            var level = 0
            while ancestor >= 0 && level < 5 {
                if raw[ancestor] == nil {
                    raw[ancestor] = basePoints(elements[ancestor])
                }
                let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level * 3)
                raw[ancestor]! += points / divider
                ancestor = elements[ancestor].parent
                level += 1
            }
        }
        var scores: [Int: Double] = [:]
        for (index, points) in raw {
            scores[index] = points * (1 - elements[index].linkDensity)
        }
        return scores
    }

    /// The points a paragraph-like element earns, or nil when it is not one or is too short to count.
    private func paragraphPoints(_ element: PageElements.Element) -> Double? {
        let characters: Int
        let commas: Int
        switch element.name {
        case "p", "pre", "li", "dd":
            characters = element.characters
            commas = element.commas
        case "td" where !element.hasBlockChild, "blockquote" where !element.hasBlockChild:
            characters = element.characters
            commas = element.commas
        case "div", "section", "article", "main", "span", "blockquote", "font", "center", "td", "body":
            guard element.inlineCharacters > 0 else { return nil }
            characters = element.inlineCharacters
            commas = element.inlineCommas
        default:
            return nil
        }
        guard characters >= 25 else { return nil }
        var points = 1 + Double(commas) + min(Double(characters) / 100, 3)
        if element.name == "li" {
            // A list of links or one-line items is not prose: a list item counts for half.
            points /= 2
        }
        return points
    }

    /// A candidate's starting points: its name, its hints, and the marks of an article container.
    private func basePoints(_ element: PageElements.Element) -> Double {
        var points: Double
        switch element.name {
        case "div", "section": points = 5
        case "article": points = 15
        case "main": points = 8
        case "pre", "td", "blockquote": points = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": points = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": points = -5
        default: points = 0
        }
        points += Double(element.hints.weight) * 25
        if element.isArticleBody {
            points += 40
        } else if element.isSemanticContainer && element.name != "article" && element.name != "main" {
            points += 10
        }
        return points
    }

    // MARK: - Choosing

    private func bestCandidate(in scores: [Int: Double]) -> Int? {
        scores.max { left, right in
            left.value < right.value || (left.value == right.value && left.key > right.key)
        }?.key
    }

    /// Moves up from `best` when its parent holds more of the text than it does: several of the best candidates
    /// under one element are parts of one article, and a lone child is its parent's whole content.
    private func widen(_ best: Int, scores: [Int: Double]) -> Int {
        let bestScore = scores[best] ?? 0
        var chosen = best
        // The best few candidates that score near the best are likely parts of one article.
        let rivals = scores.filter { $0.key != best && $0.value >= bestScore * 0.75 }.map(\.key)
        if rivals.count >= 2 {
            var ancestor = elements[best].parent
            while ancestor > 0 {
                let holding = rivals.filter { isAncestor(ancestor, of: $0) }.count
                if holding >= 2 {
                    chosen = ancestor
                    break
                }
                ancestor = elements[ancestor].parent
            }
        }
        // An only child with nothing else beside it is as good as its parent, which may hold headings too.
        var parent = elements[chosen].parent
        while parent > 0 && elements[parent].characters <= elements[chosen].characters + 40
            && !elements[parent].isFurniture && elements[chosen].name != "article"
        {
            chosen = parent
            parent = elements[chosen].parent
        }
        return chosen
    }

    private func isAncestor(_ ancestor: Int, of index: Int) -> Bool {
        var current = elements[index].parent
        while current >= 0 {
            if current == ancestor { return true }
            current = elements[current].parent
        }
        return false
    }

    /// `best` and those of its siblings that read as more of the same article.
    private func withSiblings(of best: Int, scores: [Int: Double]) -> [Int] {
        let parent = elements[best].parent
        guard parent >= 0 else { return [best] }
        let bestScore = scores[best] ?? 0
        let threshold = max(10, bestScore * 0.2)
        let bestClass = elements[best].node.attribute("class")
        var chosen: [Int] = []
        for index in 0..<elements.count where elements[index].parent == parent {
            let sibling = elements[index]
            if index == best {
                chosen.append(index)
                continue
            }
            guard !sibling.dropped else { continue }
            var points = scores[index] ?? 0
            if let bestClass, !bestClass.isEmpty, sibling.node.attribute("class") == bestClass {
                points += bestScore * 0.2
            }
            if points >= threshold {
                chosen.append(index)
            } else if sibling.name == "p" {
                let density = sibling.linkDensity
                if sibling.characters > 80 && density < 0.25 {
                    chosen.append(index)
                } else if sibling.characters > 0 && density == 0
                    && sibling.node.visibleText().trimmingASCIIWhitespace().hasSuffix(".")
                {
                    chosen.append(index)
                }
            }
        }
        return chosen
    }
}
