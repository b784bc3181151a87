/// Cuts the text of a JSON Feed, as it arrives, into the members of its top-level object and, inside `items`, into
/// one piece per item, so that no more than one item is ever held, whatever the size of the document.
///
/// It checks the structure of the top level (an object of `"key": value` pairs, nothing after it) and finds where
/// each value ends by counting brackets outside strings; the pieces themselves are left to a JSON parser. UTF-8
/// never uses ASCII bytes inside a multi-byte character, so the bytes can be scanned one at a time. Pieces larger
/// than their cap are reported without their bytes. Not thread-safe; one instance per document.
struct JSONFeedSplitter {
    /// A piece of the document, handed over as soon as it is complete.
    enum Piece {
        /// A member of the top-level object other than the `items` array; `value` is nil when it was too large.
        case member(key: String, value: [UInt8]?)
        /// The `items` array begins (it may hold no item at all).
        case itemsArray
        /// One element of `items`; `bytes` is nil when it was too large or the caller asked not to keep it.
        case item([UInt8]?)
    }

    private enum Phase {
        /// Before the top-level object.
        case start
        /// Inside the top-level object, before a key (or its end, when `first`).
        case key(first: Bool)
        /// Reading a key's string.
        case keyString
        case colon
        /// Before a member's value.
        case value
        /// Reading a member's value.
        case memberValue
        case afterMember
        /// Inside `items`, before an element (or its end, when `first`).
        case element(first: Bool)
        /// Reading an element of `items`.
        case elementValue
        case afterElement
        /// After the top-level object: only whitespace may follow.
        case end
    }

    /// Members other than `items` larger than this are skipped (a feed's own fields are short).
    let memberLimit: Int
    /// Items larger than this are skipped.
    let itemLimit: Int
    /// False once the caller wants no more items: their bytes are then only scanned, not kept. (Set it between
    /// calls to `consume`, not from the handler.)
    var keepsItems = true

    private var phase = Phase.start
    private var line = 1
    private var key: [UInt8] = []
    private var keyEscaped = false
    private var currentKey = ""
    // The value being read.
    private var value: [UInt8] = []
    private var keeping = true
    private var tooLarge = false
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var isBareScalar = false
    private var limit = 0

    init(memberLimit: Int, itemLimit: Int) {
        self.memberLimit = memberLimit
        self.itemLimit = itemLimit
    }

    /// True once the top-level object has ended.
    var isComplete: Bool {
        if case .end = phase { return true }
        return false
    }

    /// Scans the next chunk of UTF-8, calling `emit` with each piece completed in it.
    ///
    /// - Throws: `FeedParseError.invalidJSON` at the first byte that cannot be part of a JSON object.
    mutating func consume(_ bytes: UnsafeRawBufferPointer, emit: (Piece) throws(FeedParseError) -> Void)
        throws(FeedParseError)
    {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") { line += 1 }
            switch phase {
            case .memberValue, .elementValue:
                if isBareScalar && (Self.endsScalar(byte)) {
                    // Not part of the number or literal: the phase after the value reads it again.
                    if byte == UInt8(ascii: "\n") { line -= 1 }
                    try complete(emit: emit)
                    continue
                }
                take(byte)
                if !isBareScalar && depth == 0 && !inString { try complete(emit: emit) }
            case .keyString:
                if keyEscaped {
                    keyEscaped = false
                } else if byte == UInt8(ascii: "\\") {
                    keyEscaped = true
                } else if byte == UInt8(ascii: "\"") {
                    currentKey = Self.decodeKey(key)
                    key = []
                    phase = .colon
                    break
                }
                if key.count < 256 { key.append(byte) }
            default:
                if !Self.isWhitespace(byte) { try structural(byte, emit: emit) }
            }
            index += 1
        }
    }

    /// Ends the document.
    ///
    /// - Throws: `FeedParseError.invalidJSON` when the top-level object is not complete.
    mutating func finish() throws(FeedParseError) {
        switch phase {
        case .end: return
        case .start: throw FeedParseError.invalidJSON("invalid JSON (no object)")
        default: throw FeedParseError.invalidJSON("invalid JSON (the document ends at line \(line), inside its object)")
        }
    }

    private mutating func structural(_ byte: UInt8, emit: (Piece) throws(FeedParseError) -> Void)
        throws(FeedParseError)
    {
        switch phase {
        case .start:
            guard byte == UInt8(ascii: "{") else { throw unexpected(byte) }
            phase = .key(first: true)
        case .key(let first):
            if byte == UInt8(ascii: "\"") {
                phase = .keyString
            } else if first && byte == UInt8(ascii: "}") {
                phase = .end
            } else {
                throw unexpected(byte)
            }
        case .colon:
            guard byte == UInt8(ascii: ":") else { throw unexpected(byte) }
            phase = .value
        case .value:
            if currentKey == "items" && byte == UInt8(ascii: "[") {
                phase = .element(first: true)
                try emit(.itemsArray)
            } else {
                try begin(byte, limit: memberLimit, keep: true)
                phase = .memberValue
                if !isBareScalar && depth == 0 && !inString { try complete(emit: emit) }
            }
        case .afterMember:
            if byte == UInt8(ascii: ",") {
                phase = .key(first: false)
            } else if byte == UInt8(ascii: "}") {
                phase = .end
            } else {
                throw unexpected(byte)
            }
        case .element(let first):
            if first && byte == UInt8(ascii: "]") {
                phase = .afterMember
            } else {
                try begin(byte, limit: itemLimit, keep: keepsItems)
                phase = .elementValue
            }
        case .afterElement:
            if byte == UInt8(ascii: ",") {
                phase = .element(first: false)
            } else if byte == UInt8(ascii: "]") {
                phase = .afterMember
            } else {
                throw unexpected(byte)
            }
        case .end:
            throw FeedParseError.invalidJSON("invalid JSON (text after the object at line \(line))")
        case .keyString, .memberValue, .elementValue:
            preconditionFailure("value bytes are not structural")
        }
    }

    /// Starts reading a value whose first byte is `byte`.
    private mutating func begin(_ byte: UInt8, limit: Int, keep: Bool) throws(FeedParseError) {
        value = []
        keeping = keep
        tooLarge = false
        depth = 0
        inString = false
        escaped = false
        isBareScalar = false
        self.limit = limit
        switch byte {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth = 1
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"),
            UInt8(ascii: "n"):
            isBareScalar = true
        default: throw unexpected(byte)
        }
        append(byte)
    }

    /// Adds one byte of the value being read, keeping track of strings and nesting.
    private mutating func take(_ byte: UInt8) {
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
        } else if byte == UInt8(ascii: "\"") {
            inString = true
        } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
            depth += 1
        } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
            depth -= 1
        }
        append(byte)
    }

    private mutating func append(_ byte: UInt8) {
        guard keeping else { return }
        if value.count >= limit {
            keeping = false
            tooLarge = true
            value = []
            return
        }
        value.append(byte)
    }

    private mutating func complete(emit: (Piece) throws(FeedParseError) -> Void) throws(FeedParseError) {
        let bytes = keeping && !tooLarge ? value : nil
        value = []
        if case .memberValue = phase {
            phase = .afterMember
            try emit(.member(key: currentKey, value: bytes))
        } else {
            phase = .afterElement
            try emit(.item(bytes))
        }
    }

    private func unexpected(_ byte: UInt8) -> FeedParseError {
        let shown =
            byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        return FeedParseError.invalidJSON("invalid JSON (unexpected \(shown) at line \(line))")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// True for a byte that cannot continue a number or a literal: it ends the value before it.
    private static func endsScalar(_ byte: UInt8) -> Bool {
        isWhitespace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
    }

    /// The key as text; escapes (rare in keys) are decoded by Foundation's parser.
    private static func decodeKey(_ bytes: [UInt8]) -> String {
        guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
        let quoted = [UInt8(ascii: "\"")] + bytes + [UInt8(ascii: "\"")]
        return JSONFeedParser.decodeFragment(quoted) as? String ?? String(decoding: bytes, as: UTF8.self)
    }
}
