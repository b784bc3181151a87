/// Word-wise reading of one block's normalised text (lower-case words separated by single spaces).
struct BoilerplateText {
    let bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    /// True when the text starts with the words of `phrase` (a whole-word match).
    func hasPrefix(_ phrase: StaticString) -> Bool {
        matches(phrase, at: bytes.startIndex)
    }

    /// True when the words of `phrase` occur anywhere in the text (a whole-word match).
    func contains(_ phrase: StaticString) -> Bool {
        let first = phrase.utf8Start[0]
        var position = bytes.startIndex
        while position + phrase.utf8CodeUnitCount <= bytes.endIndex {
            if bytes[position] == first && (position == bytes.startIndex || bytes[position - 1] == 0x20)
                && matches(phrase, at: position)
            {
                return true
            }
            position += 1
        }
        return false
    }

    /// True when the text equals `phrase`.
    func equals(_ phrase: StaticString) -> Bool {
        bytes.count == phrase.utf8CodeUnitCount && matches(phrase, at: bytes.startIndex)
    }

    private func matches(_ phrase: StaticString, at position: Int) -> Bool {
        let count = phrase.utf8CodeUnitCount
        guard position + count <= bytes.endIndex else { return false }
        for offset in 0..<count where bytes[position + offset] != phrase.utf8Start[offset] { return false }
        return position + count == bytes.endIndex || bytes[position + count] == 0x20
    }

    /// The first `count` words (all of them when there are fewer).
    func leadingWords(_ count: Int) -> ArraySlice<UInt8> {
        var seen = 0
        for position in bytes.indices where bytes[position] == 0x20 {
            seen += 1
            if seen == count { return bytes[bytes.startIndex..<position] }
        }
        return bytes
    }

    /// The last `count` words (all of them when there are fewer).
    func trailingWords(_ count: Int) -> ArraySlice<UInt8> {
        var seen = 0
        var position = bytes.endIndex
        while position > bytes.startIndex {
            position -= 1
            if bytes[position] == 0x20 {
                seen += 1
                if seen == count { return bytes[(position + 1)...] }
            }
        }
        return bytes
    }

    /// The number of words.
    var wordCount: Int {
        guard !bytes.isEmpty else { return 0 }
        var count = 1
        for byte in bytes where byte == 0x20 { count += 1 }
        return count
    }

    /// The words one by one.
    func forEachWord(_ body: (ArraySlice<UInt8>) -> Bool) -> Bool {
        var start = bytes.startIndex
        for position in bytes.indices where bytes[position] == 0x20 {
            guard body(bytes[start..<position]) else { return false }
            start = position + 1
        }
        return start < bytes.endIndex ? body(bytes[start...]) : true
    }
}
