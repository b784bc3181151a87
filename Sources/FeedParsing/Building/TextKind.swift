/// How a captured piece of text is to be read.
enum TextKind: Sendable {
    /// Plain text: shown as it is, escaped when it lands in an HTML field.
    case text
    /// HTML source (an RSS description, Atom `type="html"`).
    case html
    /// XHTML markup that the reader serialized from the document's own elements (Atom `type="xhtml"`).
    case xhtml
}
