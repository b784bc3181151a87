/// One block of an article (a leaf block element or a run of inline content) with its normalised text and keys.
struct BoilerplateBlock {
    /// The bytes removing this block cuts from the article's HTML.
    var range: Range<Int>
    /// Where the `<br><br>` run before the block starts, when one does: cut with the block when nothing after it
    /// is kept, so no breaks dangle at the end.
    var breaksStart: Int?
    /// Where the block's normalised text lies in its article's `text` buffer.
    var text: Range<Int>
    /// Words of the normalised text.
    var words: Int
    /// Words before a "LABEL:" or "LABEL —" separator (1…4), or 0 when the block reads no label.
    var labelWords: Int
    /// True when the text ends with sentence punctuation (`.`, `!`, `?`, `…`), closing quotes aside.
    var isSentence: Bool
    /// True when the label ends at a colon ("Photo: …"), not at a dash or a bar.
    var labelByColon: Bool
    /// Words before the block's last colon (0 without one): where a trailing "(Photo: NAME)" credit starts.
    var wordsBeforeLastColon: Int
    /// True when the text holds a quotation mark (a straight quote opening a word, curly quotes, guillemets): a
    /// call to action inside quotes is someone's words, not the site's.
    var hasQuote: Bool
    /// The element the block is the whole content of (a list item, a paragraph), when it is one.
    var element: ArticleElement?
    /// True inside a `figcaption`.
    var inCaption: Bool
    /// The exact key: the normalised text with the item's title and link as slots.
    var exactKey: UInt64 = 0
    /// Keys of short blocks only; 0 when the block has none of that kind.
    var labelKey: UInt64 = 0
    var prefixKey: UInt64 = 0
    var suffixKey: UInt64 = 0
}
