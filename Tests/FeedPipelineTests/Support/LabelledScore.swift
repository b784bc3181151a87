/// What the labelled corpus measures, summed over its files: paragraphs kept, boilerplate leaked, and pairs of
/// items put in one story against the labels.
struct LabelledScore: CustomStringConvertible {
    var bodyParagraphs = 0
    var bodyKept = 0
    var junkLines = 0
    var junkLeaked = 0
    /// Pairs that share a story id, and of those the pairs labelled copies.
    var mergedPairs = 0
    var mergedCopyPairs = 0
    /// Pairs labelled copies, and of those the pairs that share a story id.
    var copyPairs = 0
    var copyPairsFound = 0
    /// Pairs labelled copies where one side is a teaser or a link (shorter than half the other), and found.
    var teaserPairs = 0
    var teaserPairsFound = 0
    /// Pairs labelled different stories that share a story id.
    var hardNegativePairs = 0
    var hardNegativesMerged = 0
    /// Pairs of items (in different stories) related as one event, and of those the pairs labelled events.
    var eventPairs = 0
    var eventPairsLabelled = 0
    /// Pairs labelled events, and of those the pairs related.
    var labelledEventPairs = 0
    var labelledEventPairsFound = 0
    /// What failed, one line each, for the report.
    var failures: [String] = []

    var bodyKeptShare: Double { share(bodyKept, of: bodyParagraphs) }
    var junkLeakedShare: Double { share(junkLeaked, of: junkLines) }
    var copyPrecision: Double { share(mergedCopyPairs, of: mergedPairs) }
    var copyRecall: Double { share(copyPairsFound, of: copyPairs) }
    var teaserRecall: Double { share(teaserPairsFound, of: teaserPairs) }
    var eventPrecision: Double { share(eventPairsLabelled, of: eventPairs) }
    var eventRecall: Double { share(labelledEventPairsFound, of: labelledEventPairs) }

    private func share(_ part: Int, of whole: Int) -> Double {
        whole == 0 ? 1 : Double(part) / Double(whole)
    }

    var description: String {
        func figure(_ value: Double, _ part: Int, _ whole: Int) -> String {
            "\((value * 1000).rounded() / 1000) (\(part)/\(whole))"
        }
        return """
            body kept \(figure(bodyKeptShare, bodyKept, bodyParagraphs)); \
            boilerplate leaked \(figure(junkLeakedShare, junkLeaked, junkLines)); \
            copy-pair precision \(figure(copyPrecision, mergedCopyPairs, mergedPairs)), \
            recall \(figure(copyRecall, copyPairsFound, copyPairs)); \
            teaser recall \(figure(teaserRecall, teaserPairsFound, teaserPairs)); \
            hard negatives merged \(hardNegativesMerged) of \(hardNegativePairs) pairs; \
            event precision \(figure(eventPrecision, eventPairsLabelled, eventPairs)), \
            recall \(figure(eventRecall, labelledEventPairsFound, labelledEventPairs))
            """
    }
}
