import FeedModel
import Foundation

/// Deterministic articles with realistic text: words drawn from a skewed vocabulary, so that some search terms
/// are common and others rare, as in real news text.
struct SyntheticArticles {
    private var state: UInt64
    private let vocabulary: [String]
    /// Cumulative weights (Zipf-like, exponent 1) over `vocabulary`.
    private let cumulative: [Double]

    init(seed: UInt64) {
        state = seed &+ 0x9E37_79B9_7F4A_7C15
        let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ba", "de", "fi", "go", "hu", "ja", "pe"]
        var words: [String] = []
        for first in syllables {
            for second in syllables {
                for third in ["", "n", "r", "s", "ta", "lin"] {
                    words.append(first + second + third)
                }
            }
        }
        vocabulary = words
        var total = 0.0
        cumulative = (1...words.count).map { rank in
            total += 1 / Double(rank)
            return total
        }
    }

    private mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    private mutating func word() -> String {
        let target = Double(next() % 1_000_000) / 1_000_000 * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return vocabulary[low]
    }

    /// The word of the given frequency rank (0 is the most common).
    func word(rank: Int) -> String {
        vocabulary[min(rank, vocabulary.count - 1)]
    }

    private mutating func sentence(words count: Int) -> String {
        var words: [String] = []
        for _ in 0..<count { words.append(word()) }
        return words.joined(separator: " ").capitalized + "."
    }

    /// Article number `number` of feed `feed`, published at `published`.
    mutating func article(feed: Int, number: Int, published: Date) -> Article {
        var paragraphs: [String] = []
        for _ in 0..<3 {
            paragraphs.append((0..<3).map { _ in sentence(words: 12) }.joined(separator: " "))
        }
        let title = sentence(words: 7)
        let text = paragraphs.joined(separator: "\n\n")
        let link = "https://feed\(feed).example.org/\(number)"
        return Article(
            guid: "\(link)#guid",
            canonicalURL: link,
            link: link + "?utm_source=rss",
            title: title,
            authors: [Author(name: "Writer \(feed)")],
            published: published,
            summary: String(text.prefix(300)),
            contentHTML: paragraphs.map { "<p>\($0)</p>" }.joined(),
            contentText: text,
            categories: ["category\(number % 7)"],
            contentHash: String(next(), radix: 16) + String(next(), radix: 16)
        )
    }
}
