import Foundation

/// Turns what a person types into an FTS5 query that cannot be a syntax error.
///
/// Words are ANDed; `"several words"` is a phrase; a trailing `*` searches by prefix; `OR` and `NOT` (upper case)
/// are operators; `-word` excludes a word. Everything else is quoted, so punctuation in a query (`c++`, `node.js`,
/// an unbalanced quote) is searched for instead of failing.
public enum SearchExpression {
    /// The FTS5 MATCH expression, or nil when the query holds no word to search for.
    public static func fts5(_ query: String) -> String? {
        let (terms, excluded) = parts(query)
        guard !terms.isEmpty else {
            return nil
        }
        var expression = terms.joined(separator: " ")
        for word in excluded {
            expression = "(\(expression)) NOT \(word)"
        }
        return expression
    }

    /// Each phrase of `fts5(query)` as an expression of its own, in the order FTS5 numbers them (left to right,
    /// excluded words last), for `SearchRanking` to weigh.
    static func phrases(_ query: String) -> [String] {
        let (terms, excluded) = parts(query)
        guard !terms.isEmpty else {
            return []
        }
        return terms.filter { !["OR", "AND", "NOT"].contains($0) } + excluded
    }

    /// The terms and operators of the expression, and the excluded words.
    private static func parts(_ query: String) -> (terms: [String], excluded: [String]) {
        var terms: [String] = []
        var excluded: [String] = []
        for token in tokens(query) {
            switch token {
            case .phrase(let text):
                terms.append(quote(text))
            case .word(let word) where word == "OR" || word == "AND" || word == "NOT":
                if !terms.isEmpty {
                    terms.append(word)
                }
            case .word(let word):
                if word.hasPrefix("-") && word.count > 1 {
                    excluded.append(quote(String(word.dropFirst())))
                } else if word.hasSuffix("*") && word.count > 1 {
                    terms.append(quote(String(word.dropLast())) + "*")
                } else {
                    terms.append(quote(word))
                }
            }
        }
        while let last = terms.last, ["OR", "AND", "NOT"].contains(last) {
            terms.removeLast()
        }
        return (terms, excluded)
    }

    private enum Token {
        case word(String)
        case phrase(String)
    }

    private static func tokens(_ query: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var inPhrase = false
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty {
                tokens.append(inPhrase ? .phrase(trimmed) : .word(trimmed))
            }
            current = ""
        }
        for character in query {
            if character == "\"" {
                flush()
                inPhrase.toggle()
            } else if character.isWhitespace && !inPhrase {
                flush()
            } else {
                current.append(character)
            }
        }
        flush()
        return tokens
    }

    private static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
