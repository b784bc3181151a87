internal import FeedHTML
import FeedModel

/// Reads the free-form person strings of RSS (`author`, `managingEditor`, `dc:creator`).
enum PersonParser {
    /// Splits `jane@example.com (Jane Doe)`, `Jane Doe (jane@example.com)` and `Jane Doe <jane@example.com>` into
    /// name and email; a bare address
    /// becomes an email, anything else a name. Nil when the string is blank.
    static func parse(_ raw: String) -> Author? {
        let text = raw.collapsingWhitespace()
        guard !text.isEmpty else { return nil }
        // "email (Name)"
        if text.hasSuffix(")"), let open = text.firstIndex(of: "(") {
            let before = text[..<open].trimmingCharacters(in: " ")
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: " ")
            if isEmail(before) {
                return Author(name: inside.isEmpty ? nil : inside, email: before)
            }
            // "Name (email)"
            if isEmail(inside) {
                return Author(name: before.isEmpty ? nil : before, email: inside)
            }
        }
        // "Name <email>"
        if text.hasSuffix(">"), let open = text.lastIndex(of: "<") {
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: " ")
            if isEmail(inside) {
                var name = text[..<open].trimmingCharacters(in: " ")
                if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 {
                    name = String(name.dropFirst().dropLast())
                }
                return Author(name: name.isEmpty ? nil : name, email: inside)
            }
        }
        if isEmail(text) {
            return Author(email: text.hasPrefix("mailto:") ? String(text.dropFirst(7)) : text)
        }
        return Author(name: text)
    }

    /// A loose check: one `@` with something on both sides and no spaces.
    static func isEmail(_ text: String) -> Bool {
        var candidate = Substring(text)
        if candidate.hasPrefix("mailto:") { candidate = candidate.dropFirst(7) }
        guard let at = candidate.firstIndex(of: "@"), at != candidate.startIndex,
            candidate.index(after: at) != candidate.endIndex
        else { return false }
        return !candidate.contains(" ") && candidate[candidate.index(after: at)...].firstIndex(of: "@") == nil
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var slice = Substring(self)
        while slice.first == character { slice = slice.dropFirst() }
        while slice.last == character { slice = slice.dropLast() }
        return String(slice)
    }
}
