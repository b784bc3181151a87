/// Precision, recall and F1 of extracted text against the true body, as multisets of lower-cased words.
struct WordScore {
    var precision: Double
    var recall: Double

    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    init(extracted: String?, truth: String) {
        let found = Self.counts(extracted ?? "")
        let expected = Self.counts(truth)
        let common = found.reduce(0) { $0 + min($1.value, expected[$1.key] ?? 0) }
        let foundTotal = found.values.reduce(0, +)
        let expectedTotal = expected.values.reduce(0, +)
        precision = foundTotal == 0 ? 0 : Double(common) / Double(foundTotal)
        recall = expectedTotal == 0 ? 0 : Double(common) / Double(expectedTotal)
    }

    /// The words of `text` (runs of letters and digits), lower-cased, with their counts.
    static func counts(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        var word = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                counts[word, default: 0] += 1
                word = ""
            }
        }
        if !word.isEmpty { counts[word, default: 0] += 1 }
        return counts
    }
}
