/// The one-line account of feed health at the top of a digest, e.g. "40 feeds: 37 ok, 2 failing, 1 silent".
///
/// Each feed counts once, under its most serious problem (failing, gone, moved, silent, in that order), so the
/// counts add up to the number of feeds. The details stay in the health section at the end.
public struct DigestHealthSummary: Sendable, Equatable {
    /// How many feeds the store holds, when the builder was told.
    public var feedTotal: Int?
    /// The feeds with a problem by kind, most serious first, only kinds that occur: ("failing", 2), ("silent", 1).
    public var problemCounts: [Count]

    /// A number of feeds with one kind of problem.
    public struct Count: Sendable, Equatable {
        public var label: String
        public var feeds: Int
    }

    /// The link text that points to the health section.
    public static let detailsText = "details at the end"

    /// Counts `notes` by feed (its URL), each under its most serious problem.
    init(feedTotal: Int?, notes: [DigestHealthNote]) {
        self.feedTotal = feedTotal
        var worst: [String: Int] = [:]
        for note in notes {
            let rank = Self.rank(note.problem.kind)
            worst[note.url] = min(worst[note.url] ?? rank, rank)
        }
        let labels = ["failing", "gone", "moved", "silent", "without full text"]
        problemCounts = labels.indices.compactMap { rank in
            let feeds = worst.values.filter { $0 == rank }.count
            return feeds > 0 ? Count(label: labels[rank], feeds: feeds) : nil
        }
    }

    /// How serious a problem is: 0 is the most.
    static func rank(_ kind: DigestFeedProblem.Kind) -> Int {
        switch kind {
        case .failing: 0
        case .gone: 1
        case .moved: 2
        case .silent: 3
        case .fullTextFailing: 4
        }
    }

    /// Whether some feed has a problem, so the digest has a health section.
    public var hasProblems: Bool { !problemCounts.isEmpty }

    /// The line without the pointer to the details: "40 feeds: 37 ok, 2 failing, 1 silent", "40 feeds, all ok";
    /// nil when there is nothing to say (no feeds known and no problems).
    public var lead: String? {
        let problems = problemCounts.map { "\($0.feeds) \($0.label)" }
        guard let total = feedTotal else {
            return problems.isEmpty ? nil : "Feeds: " + problems.joined(separator: ", ")
        }
        guard total > 0 || !problems.isEmpty else { return nil }
        let feeds = DigestDocument.count(total, "feed", "feeds")
        guard !problems.isEmpty else { return "\(feeds), all ok" }
        let troubled = problemCounts.reduce(0) { $0 + $1.feeds }
        return "\(feeds): " + (["\(max(total - troubled, 0)) ok"] + problems).joined(separator: ", ")
    }

    /// The whole line, with " — details at the end" when there are problems; nil when there is nothing to say.
    public var text: String? {
        guard let lead else { return nil }
        return hasProblems ? "\(lead) — \(Self.detailsText)" : lead
    }
}
