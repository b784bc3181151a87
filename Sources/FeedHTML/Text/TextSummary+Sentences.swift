extension TextSummary {
    /// The first `maxSentences` sentences of `text`, on one line, at most `maxCharacters` characters long.
    ///
    /// Sentences end at ".", "!" or "?" (with any closing quotes or brackets) followed by a space and a sentence
    /// start, and at paragraph breaks ("\n\n"). A period does not end a sentence after an abbreviation ("Dr.",
    /// "e.g.", "U.S."), an initial ("J. R. R."), or inside a number ("3.5"). Whole sentences are taken while
    /// they fit in `maxCharacters` (counted as Unicode scalars); when even the first does not fit, it is cut as
    /// `prefix(of:limit:)` cuts, which counts characters (grapheme clusters) as a reader does, so a sentence of
    /// flags or combining marks may keep more scalars. Returns "" for text without words.
    public static func sentences(of text: String, maxSentences: Int = 3, maxCharacters: Int = 400) -> String {
        guard maxSentences > 0, maxCharacters > 0 else { return "" }
        let buffer = normalized(text)
        guard !buffer.isEmpty else { return "" }

        var output: [UInt8] = []
        output.reserveCapacity(min(buffer.count, maxCharacters * 4 + 4))
        var outputScalars = 0
        var taken = 0
        var start = 0
        while start < buffer.count && taken < maxSentences {
            let end = sentenceEnd(in: buffer, from: start)
            let sentence = buffer[start..<end]
            let scalars = scalarCount(sentence)
            let separator = output.isEmpty ? 0 : 1
            if outputScalars + separator + scalars <= maxCharacters {
                if separator == 1 { output.append(0x20) }
                output.append(contentsOf: sentence)
                outputScalars += separator + scalars
                taken += 1
            } else {
                if output.isEmpty { return prefix(of: String(decoding: sentence, as: UTF8.self), limit: maxCharacters) }
                break
            }
            // Skip the space or paragraph mark after the sentence.
            start = end
            while start < buffer.count && (buffer[start] == 0x20 || buffer[start] == 0x0A) { start += 1 }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `text` with whitespace runs as one space, runs holding a blank line as one "\n", ends trimmed.
    private static func normalized(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var newlines = 0
        var inSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C {
                inSpace = true
            } else if byte == 0x0A {
                inSpace = true
                newlines += 1
            } else {
                if inSpace && !output.isEmpty { output.append(newlines >= 2 ? 0x0A : 0x20) }
                inSpace = false
                newlines = 0
                output.append(byte)
            }
        }
        return output
    }

    /// The index just past the sentence starting at `start` (its terminator and closers included).
    private static func sentenceEnd(in buffer: [UInt8], from start: Int) -> Int {
        var index = start
        let count = buffer.count
        while index < count {
            let byte = buffer[index]
            if byte == 0x0A { return index }
            guard byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") else {
                index += 1
                continue
            }
            var end = index + 1
            while end < count {
                let next = buffer[end]
                if next == UInt8(ascii: ".") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                    end += 1
                } else if let closer = closerLength(buffer, at: end) {
                    end += closer
                } else {
                    break
                }
            }
            if end == count { return end }
            // Only a lone period can belong to an abbreviation; "?", "!" and "..." always may end a sentence.
            let lonePeriod = byte == UInt8(ascii: ".") && !isTerminator(buffer[index + 1])
            if buffer[end] == 0x0A
                || buffer[end] == 0x20 && end + 1 < count && startsSentence(buffer[end + 1])
                    && !(lonePeriod && isAbbreviation(buffer, before: index, from: start))
            {
                return end
            }
            index = end
        }
        return count
    }

    private static func isTerminator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
    }

    /// The length of a closing quote or bracket at `index`, or nil.
    private static func closerLength(_ buffer: [UInt8], at index: Int) -> Int? {
        switch buffer[index] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "]"): return 1
        case 0xC2 where index + 1 < buffer.count && buffer[index + 1] == 0xBB: return 2  // »
        case 0xE2
        where index + 2 < buffer.count && buffer[index + 1] == 0x80
            && (buffer[index + 2] == 0x99 || buffer[index + 2] == 0x9D):  // ’ ”
            return 3
        default: return nil
        }
    }

    /// Whether a sentence may begin with `byte`: an uppercase letter, digit, opening quote or bracket, or any
    /// non-ASCII character (accented capitals, “, scripts without case).
    private static func startsSentence(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: "["): true
        case 0x80...: true
        default: false
        }
    }

    /// Words after which a period rarely ends the sentence (lowercased, without the period).
    private static let abbreviations: Set<[UInt8]> = Set(
        [
            "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "mt", "ft", "gen", "sen", "rep", "gov", "lt",
            "col", "capt", "sgt", "rev", "hon", "fig", "figs", "approx", "dept", "est", "no", "nos", "vol", "pp",
            "cf", "al", "ca", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        ].map { Array($0.utf8) })

    /// Whether the word ending at the period at `period` is an abbreviation, an initial or a dotted abbreviation.
    private static func isAbbreviation(_ buffer: [UInt8], before period: Int, from start: Int) -> Bool {
        var wordStart = period
        while wordStart > start && buffer[wordStart - 1] != 0x20 { wordStart -= 1 }
        // Opening quotes and brackets are not part of the word.
        while wordStart < period,
            buffer[wordStart] == UInt8(ascii: "(") || buffer[wordStart] == UInt8(ascii: "\"")
                || buffer[wordStart] == UInt8(ascii: "'") || buffer[wordStart] == UInt8(ascii: "[")
        {
            wordStart += 1
        }
        let length = period - wordStart
        guard length > 0 else { return false }
        // "U.S", "e.g", "i.e", "a.m": a dot inside the word.
        if buffer[wordStart..<period].contains(UInt8(ascii: ".")) { return true }
        // "J." — a single capital is an initial.
        if length == 1 && buffer[wordStart] >= UInt8(ascii: "A") && buffer[wordStart] <= UInt8(ascii: "Z") {
            return true
        }
        guard length <= 5 else { return false }
        var lowered: [UInt8] = []
        lowered.reserveCapacity(length)
        for byte in buffer[wordStart..<period] {
            lowered.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return abbreviations.contains(lowered)
    }

    private static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
