/// Whether one text is a teaser of another: the whole of it, give or take a cut last word and the ellipsis a
/// feed adds, is how the other begins.
enum TeaserText {
    /// True when `teaser` is the opening of `article` and `article` goes on for at least a few more words.
    static func isOpening(of article: String, _ teaser: String) -> Bool {
        var teaserWords = words(teaser)
        let articleWords = words(article)
        // A teaser cut mid-word ends in a fragment; the words before it must match.
        if teaserWords.count > 1 { teaserWords.removeLast() }
        guard teaserWords.count >= 12, articleWords.count >= teaserWords.count + 5 else { return false }
        return articleWords.starts(with: teaserWords)
    }

    /// Lower-cased runs of letters and digits.
    private static func words(_ text: String) -> [Substring] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }
    }
}
