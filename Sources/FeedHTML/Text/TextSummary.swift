/// feedd's one summariser of plain text: the start of an article for lists (`prefix`, stored with the article)
/// and its first sentences for the digest (`sentences`), which falls back to `prefix` when even the first
/// sentence is too long. Pure functions, safe on any thread.
///
/// The digest does not reuse the stored summary: the stored one is cut at a word for one-line lists, while the
/// digest wants whole sentences, computed from the stored plain text when the digest is written.
public enum TextSummary {
    /// The start of `text` in at most `limit` characters, cut at a word boundary, with "…" when cut.
    ///
    /// `text` is plain text such as `ArticleText.text(fromHTML:)` returns. When it fits in `limit` characters (`Character`s,
    /// that is grapheme clusters, not bytes) it is returned unchanged, paragraph breaks included. Otherwise the
    /// longest prefix that ends at whitespace and leaves room for "…" is kept, trailing whitespace and
    /// `,` `;` `:` `.` `-` `–` `—` are trimmed from it, and "…" is appended; the ellipsis counts towards `limit`.
    /// A first word too long for the limit is cut between characters. Never cuts inside a grapheme cluster
    /// (an emoji sequence or a letter with combining marks). Returns "" when `limit` is below 1.
    public static func prefix(of text: String, limit: Int = 300) -> String {
        guard limit > 0 else { return "" }
        return asciiSummary(ofText: text, limit: limit) ?? characterSummary(ofText: text, limit: limit)
    }

    /// `prefix(of:limit:)` walking `Character`s, for any text (`limit` ≥ 1).
    static func characterSummary(ofText text: String, limit: Int) -> String {
        // Only the first `limit` characters are looked at, so long articles cost no more than short ones.
        var index = text.startIndex
        var count = 0
        var budgetEnd = text.startIndex
        var lastSpace: String.Index?
        while index < text.endIndex && count < limit {
            if count == limit - 1 { budgetEnd = index }
            if isSpace(text[index]) { lastSpace = index }
            text.formIndex(after: &index)
            count += 1
        }
        if index == text.endIndex { return text }
        // The prefix may hold `limit` - 1 characters, so it ends at `budgetEnd` at the latest; whitespace at or
        // before that position is the word boundary to cut at.
        let cut = lastSpace ?? budgetEnd
        var prefix = text[text.startIndex..<cut]
        while let last = prefix.last, isSpace(last) || isTrimmedBeforeEllipsis(last) {
            prefix = prefix.dropLast()
        }
        if prefix.isEmpty { prefix = text[text.startIndex..<budgetEnd] }
        return String(prefix) + "…"
    }

    /// The same summary computed on bytes when the first `limit` + 1 bytes are ASCII without a carriage return,
    /// where every byte is one `Character`: most text is, and walking `Character`s costs a grapheme-break check each.
    static func asciiSummary(ofText text: String, limit: Int) -> String? {
        let utf8 = text.utf8
        var length = 0
        var lastSpace: Int?
        for byte in utf8.prefix(limit + 1) {
            guard byte < 0x80, byte != 0x0D else { return nil }
            if length < limit && (byte == 0x20 || (0x09...0x0C).contains(byte)) {
                lastSpace = length
            }
            length += 1
        }
        if length <= limit {
            return text
        }
        var cut = lastSpace ?? (limit - 1)
        let bytes = Array(utf8.prefix(cut))
        while cut > 0, isTrimmedBeforeEllipsisByte(bytes[cut - 1]) {
            cut -= 1
        }
        if cut == 0 {
            cut = limit - 1
        }
        return String(decoding: utf8.prefix(cut), as: UTF8.self) + "…"
    }

    /// `Character.isWhitespace`, answered without Unicode property tables for ASCII (most characters of most text).
    private static func isSpace(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return ascii.isASCIIWhitespace
        }
        return character.isWhitespace
    }

    private static func isTrimmedBeforeEllipsisByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09...0x0C, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "."),
            UInt8(ascii: "-"):
            return true
        default: return false
        }
    }

    private static func isTrimmedBeforeEllipsis(_ character: Character) -> Bool {
        switch character {
        case ",", ";", ":", ".", "-", "–", "—": return true
        default: return false
        }
    }
}
