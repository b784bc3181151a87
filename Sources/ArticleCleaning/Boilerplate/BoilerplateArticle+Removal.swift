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
            if isExactTemplate(block, votes: votes, item: item, shortVotes: 3) { removed[index] = true }
        }

        // Layer 5, anywhere: captions, credits, asides, counters, source and paywall lines; a heading of other
        // articles goes with the headline list under it.
        var index = 0
        while index < count {
            defer { index += 1 }
            let block = blocks[index]
            let words = text(of: index)
            // A heading the template already took still leads its list.
            if BoilerplateInlineLines.isAsideHeading(words, block) {
                removed[index] = true
                while index + 1 < count, isHeadlineOfList(index + 1) {
                    index += 1
                    removed[index] = true
                }
            } else if !removed[index] && (block.inCaption || BoilerplateInlineLines.isJunk(words, block)) {
                removed[index] = true
            }
        }

        // The trailing edge run: every block after one is removed too.
        index = count - 1
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

    /// `removed` plus the kept paragraphs (eight words or more) that two other items of the feed also print; nil
    /// when there are none.
    func sharedParagraphs(votes: BoilerplateVoteTable, item: Int, removed: [Bool]) -> [Bool]? {
        var result = removed
        var any = false
        for (index, block) in blocks.enumerated() where !removed[index] && block.words >= 8 {
            if votes.votes(for: block.exactKey, item: item) >= 2 {
                result[index] = true
                any = true
            }
        }
        // With every kept paragraph shared there is nothing of its own to sketch; the whole text stands in.
        return any && result.contains(false) ? result : nil
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

    /// True when block `index` reads as a headline in a list of other articles: a short list item, or a short line
    /// that is not a sentence.
    private func isHeadlineOfList(_ index: Int) -> Bool {
        let block = blocks[index]
        guard block.words <= 18 else { return false }
        return block.element == .listItem || !block.isSentence
    }

    private func isTrailingBoilerplate(
        _ index: Int, votes: BoilerplateVoteTable, item: Int, occurrences: BoilerplateKeyCounts
    ) -> Bool {
        let block = blocks[index]
        if isExactTemplate(block, votes: votes, item: item, shortVotes: Self.edgeVotes(block)) { return true }
        guard block.words <= Self.shortWords else { return false }
        if isLabelTemplate(index, votes: votes, item: item) || isAffixTemplate(block, votes: votes, item: item) {
            return true
        }
        // A closing line that is no sentence (a slogan, a sign-off) and that every other item prints too, even when
        // there is only one other: a feed's first fetch of two items.
        if !block.isSentence && block.words <= 12
            && votes.isUnanimous(votes.votes(for: block.exactKey, item: item), item: item)
        {
            return true
        }
        if !block.hasQuote && BoilerplatePhrases.isCallToAction(text(of: index), labelWords: block.labelWords) {
            return true
        }
        // Layer 2: a widget of headlines printed more than once.
        return !block.isSentence && block.words <= 15 && occurrences.count(of: block.exactKey) >= 2
    }

    private func isLeadingBoilerplate(_ index: Int, isFirst: Bool, votes: BoilerplateVoteTable, item: Int) -> Bool {
        let block = blocks[index]
        let words = text(of: index)
        // Layer 3: the headline and the dateline.
        if isFirst && !title.isEmpty && words.bytes.elementsEqual(title) { return true }
        if block.words <= 12 && BoilerplateDateLine.isDateLine(words) { return true }
        if isExactTemplate(block, votes: votes, item: item, shortVotes: Self.edgeVotes(block)) { return true }
        guard block.words <= Self.shortWords, !isWireLead(index) else { return false }
        if block.words <= 12
            && (isLabelTemplate(index, votes: votes, item: item) || isAffixTemplate(block, votes: votes, item: item))
        {
            return true
        }
        return !block.hasQuote && BoilerplatePhrases.isCallToAction(words, labelWords: block.labelWords)
    }

    /// True when the feed's votes for the block's exact key make it template: `shortVotes` for a block of up to
    /// `storyWords` words, most of the voting items for a longer one.
    ///
    /// A story-length paragraph that other items repeat word for word is either a site-wide disclaimer, printed in
    /// nearly every item, or the background paragraph of a running story, printed in its few updates. Only the
    /// share of the feed tells them apart, so such a block needs a majority of the voters and at least four votes:
    /// four updates of one story in one fetch, with no memory, are still the story's.
    private func isExactTemplate(
        _ block: BoilerplateBlock, votes: BoilerplateVoteTable, item: Int, shortVotes: Int
    ) -> Bool {
        let count = votes.votes(for: block.exactKey, item: item)
        if block.words > Self.storyWords { return votes.isMajority(count, item: item, minimum: 4) }
        // A sentence that a few items repeat ("No one was injured.") is theirs; one in most of them is the site's.
        if block.isSentence { return votes.isMajority(count, item: item, minimum: shortVotes) }
        return count >= shortVotes
    }

    /// True when block `index` is a "LABEL: slot" template line the feed repeats ("Related: HEADLINE",
    /// "Filed under: TOPICS").
    ///
    /// A shared label alone does not make a template: wire leads ("WASHINGTON (Reuters) - The Senate passed …")
    /// and running-story tags ("Update: …") share it with real paragraphs. So a wire dateline never counts, a known
    /// template label counts with two votes, and any other label only when what follows it is not a sentence of
    /// the story: headline-like (no sentence punctuation) or at most three words.
    private func isLabelTemplate(_ index: Int, votes: BoilerplateVoteTable, item: Int) -> Bool {
        let block = blocks[index]
        guard block.labelKey != 0, votes.votes(for: block.labelKey, item: item) >= 2 else { return false }
        if isWireLead(index) { return false }
        let label = BoilerplateText(text(of: index).leadingWords(block.labelWords))
        if BoilerplatePhrases.isTemplateLabel(label) { return true }
        // "Depth: 35.2 km", "Time: 03:14 UTC": a field of a report whose value is a measurement is the story's data.
        if !block.isSentence && hasDigits(text(of: index).bytes.dropFirst(label.bytes.count)) { return false }
        return !block.isSentence || block.words - block.labelWords <= 3
    }

    private func hasDigits(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// True when block `index` opens with a wire dateline ("WASHINGTON (Reuters) - …"): every item of a wire
    /// feed shares its first words, yet what follows is the story's lead, whether a sentence or a headline.
    private func isWireLead(_ index: Int) -> Bool {
        let block = blocks[index]
        guard block.labelWords > 0 else { return false }
        return BoilerplatePhrases.isWireDateline(BoilerplateText(text(of: index).leadingWords(block.labelWords)))
    }

    /// True when the block's first or last three words make it a template line with a short slot ("Originally
    /// published by SOURCE.", "Photo by NAME for SITE").
    ///
    /// News prose ends and begins with stock phrases ("…, it said in a statement.", "…, according to police."), so
    /// three shared words decide only when the rest of the block is a slot rather than a sentence of the story:
    /// - a line without sentence punctuation (a credit or tag line) with a slot of at most eight words and two
    ///   votes;
    /// - a sentence only with a slot of at most four words (seven words in all, the template's shape) and the key
    ///   in most of the voting items, so "Initech will appeal the ruling, it said in a statement." stays whether
    ///   two of three items or three of forty remembered ones end the same way.
    private func isAffixTemplate(_ block: BoilerplateBlock, votes: BoilerplateVoteTable, item: Int) -> Bool {
        guard block.prefixKey != 0 else { return false }
        let slot = block.words - 3
        guard slot <= (block.isSentence ? 4 : 8) else { return false }
        let count = max(votes.votes(for: block.prefixKey, item: item), votes.votes(for: block.suffixKey, item: item))
        guard count >= 2 else { return false }
        return !block.isSentence || votes.isMajority(count, item: item, minimum: 2)
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
