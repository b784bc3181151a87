// Three definitions of whitespace, because XML, HTML and C each have one and feeds are read by all three rules.
// Inlinable: the parser and the cleaner ask them of every byte.
extension UInt8 {
    /// XML's whitespace: space, tab, line feed, carriage return.
    @inlinable public var isXMLWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }

    /// HTML's ASCII whitespace: XML's and form feed.
    @inlinable public var isHTMLWhitespace: Bool { isXMLWhitespace || self == 0x0C }

    /// C's `isspace` in the C locale: HTML's and vertical tab (0x09 to 0x0D, and space).
    @inlinable public var isASCIIWhitespace: Bool { self == 0x20 || (0x09...0x0D).contains(self) }
}
