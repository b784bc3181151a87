extension BoilerplateArticle {
    /// Which blocks the layers remove, given the feed's votes for this item (number `item` of the fetch).
    func removals(votes: BoilerplateVoteTable, item: Int) -> [Bool] {
        let count = blocks.count
        var removed = [Bool](repeating: false, count: count)
        guard count > 0 else { return removed }

        // Layer 2: a repeated block is kept once; occurrences also tell widget lines.
        var occurrences = BoilerplateKeyCounts(capacity: count)
        for index in 0..<count where occurrences.increment(blocks[index].exactKey) > 0 {
            removed[index] = true
        }

        // Layer 1, anywhere: exact keys carried by enough other items.
        for index in 0..<count where !removed[index] {
            let block = blocks[index]
            if Self.isTinySentence(block) { continue }
            if votes.votes(for: block.exactKey, item: item) >= 3 { removed[index] = true }
        }

        // The trailing edge run: every block after one is removed too.
        var index = count - 1
        while index >= 0 {
            if removed[index] || isTrailingBoilerplate(index, votes: votes, item: item, occurrences: occurrences) {
                removed[index] = true
                index -= 1
            } else {
                break
            }
        }

        // The leading edge run.
        var isFirst = true
        for index in 0..<count {
            if removed[index] { continue }
            guard isLeadingBoilerplate(index, isFirst: isFirst, votes: votes, item: item) else { break }
            removed[index] = true
            isFirst = false
        }
        return removed
    }

    /// The cleaned HTML for `removed`; the item unchanged when nothing or everything would go.
    func cleanedHTML(removing removed: [Bool]) -> String {
        guard removed.contains(true), removed.contains(false) else { return html }
        var cuts: [Range<Int>] = []
        for (index, block) in blocks.enumerated() where removed[index] {
            var range = block.range
            if let breaksStart = block.breaksStart, index + 1 == blocks.count || removed[index + 1] {
                range = min(breaksStart, range.lowerBound)..<range.upperBound
            }
            if let last = cuts.last, last.upperBound >= range.lowerBound {
                cuts[cuts.count - 1] = min(last.lowerBound, range.lowerBound)..<max(last.upperBound, range.upperBound)
            } else {
                cuts.append(range)
            }
        }
        return BoilerplateHTMLCutter.cut(html, removing: cuts)
    }

    private func isTrailingBoilerplate(
        _ index: Int, votes: BoilerplateVoteTable, item: Int, occurrences: BoilerplateKeyCounts
    ) -> Bool {
        let block = blocks[index]
        if votes.votes(for: block.exactKey, item: item) >= Self.edgeVotes(block) { return true }
        guard block.words <= Self.shortWords else { return false }
        if votes.votes(for: block.labelKey, item: item) >= 2 || votes.votes(for: block.prefixKey, item: item) >= 2
            || votes.votes(for: block.suffixKey, item: item) >= 2
        {
            return true
        }
        if BoilerplatePhrases.isCallToAction(text(of: index), labelWords: block.labelWords) { return true }
        // Layer 2: a widget of headlines printed more than once.
        return !block.isSentence && block.words <= 15 && occurrences.count(of: block.exactKey) >= 2
    }

    private func isLeadingBoilerplate(_ index: Int, isFirst: Bool, votes: BoilerplateVoteTable, item: Int) -> Bool {
        let block = blocks[index]
        let words = text(of: index)
        // Layer 3: the headline and the dateline.
        if isFirst && !title.isEmpty && words.bytes.elementsEqual(title) { return true }
        if block.words <= 12 && BoilerplateDateLine.isDateLine(words) { return true }
        if votes.votes(for: block.exactKey, item: item) >= Self.edgeVotes(block) { return true }
        guard block.words <= Self.shortWords else { return false }
        if block.words <= 12
            && (votes.votes(for: block.labelKey, item: item) >= 2 || votes.votes(for: block.prefixKey, item: item) >= 2
                || votes.votes(for: block.suffixKey, item: item) >= 2)
        {
            return true
        }
        return BoilerplatePhrases.isCallToAction(words, labelWords: block.labelWords)
    }

    /// A sentence of one to three words ("He declined.") is a story's, however often the feed prints it; only
    /// at an edge and with many votes is it template ("Thanks for reading.").
    private static func isTinySentence(_ block: BoilerplateBlock) -> Bool {
        block.isSentence && block.words < 4
    }

    private static func edgeVotes(_ block: BoilerplateBlock) -> Int {
        isTinySentence(block) ? 4 : 2
    }
}
