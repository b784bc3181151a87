extension ArticleText {
    /// The start of `text` in at most `limit` characters, cut at a word boundary, with "…" when cut.
    ///
    /// `text` is plain text such as `text(fromHTML:)` returns. When it fits in `limit` characters (`Character`s,
    /// that is grapheme clusters, not bytes) it is returned unchanged, paragraph breaks included. Otherwise the
    /// longest prefix that ends at whitespace and leaves room for "…" is kept, trailing whitespace and
    /// `,` `;` `:` `.` `-` `–` `—` are trimmed from it, and "…" is appended; the ellipsis counts towards `limit`.
    /// A first word too long for the limit is cut between characters. Never cuts inside a grapheme cluster
    /// (an emoji sequence or a letter with combining marks). Returns "" when `limit` is below 1.
    public static func summary(ofText text: String, limit: Int = 300) -> String {
        guard limit > 0 else { return "" }
        // Only the first `limit` characters are looked at, so long articles cost no more than short ones.
        var index = text.startIndex
        var count = 0
        var budgetEnd = text.startIndex
        var lastSpace: String.Index?
        while index < text.endIndex && count < limit {
            if count == limit - 1 { budgetEnd = index }
            if text[index].isWhitespace { lastSpace = index }
            text.formIndex(after: &index)
            count += 1
        }
        if index == text.endIndex { return text }
        // The prefix may hold `limit` - 1 characters, so it ends at `budgetEnd` at the latest; whitespace at or
        // before that position is the word boundary to cut at.
        let cut = lastSpace ?? budgetEnd
        var prefix = text[text.startIndex..<cut]
        while let last = prefix.last, last.isWhitespace || isTrimmedBeforeEllipsis(last) {
            prefix = prefix.dropLast()
        }
        if prefix.isEmpty { prefix = text[text.startIndex..<budgetEnd] }
        return String(prefix) + "…"
    }

    private static func isTrimmedBeforeEllipsis(_ character: Character) -> Bool {
        switch character {
        case ",", ";", ":", ".", "-", "–", "—": return true
        default: return false
        }
    }
}
