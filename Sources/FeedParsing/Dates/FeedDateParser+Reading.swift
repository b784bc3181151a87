/// The pieces the date parser reads with: a byte cursor, the fields it fills, and its name tables.
extension FeedDateParser {
    /// Date and time fields as read, before validation.
    struct Fields {
        var year = -1
        var month = 0
        var day = 0
        var hour = -1
        var minute = 0
        var second = 0
        var offsetSeconds = 0

        var hasDate: Bool { year >= 0 && month != 0 && day != 0 }

        mutating func setYearOnly(_ year: Int) -> Bool {
            self.year = year
            month = 1
            day = 1
            return true
        }

        /// Applies AM (false) or PM (true) to a 12-hour clock; false when the hour cannot be on one.
        mutating func applyMeridiem(_ isPM: Bool) -> Bool {
            guard hour <= 12 else { return false }
            if hour == 12 { hour = isPM ? 12 : 0 } else if isPM { hour += 12 }
            return true
        }

        /// Seconds since the epoch, or nil when a field is out of range.
        func epochSeconds() -> Int? {
            guard (1900...9999).contains(year), (1...12).contains(month), day >= 1 else { return nil }
            let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let isShortMonth = month == 4 || month == 6 || month == 9 || month == 11
            let monthLength = month == 2 ? (isLeap ? 29 : 28) : (isShortMonth ? 30 : 31)
            guard day <= monthLength else { return nil }
            let hour = max(self.hour, 0)
            guard hour < 24 || (hour == 24 && minute == 0 && second == 0), minute < 60, second <= 60 else { return nil }
            // Howard Hinnant's days_from_civil, with years starting in March so leap days come last.
            let shiftedYear = month <= 2 ? year - 1 : year
            let era = shiftedYear / 400
            let yearOfEra = shiftedYear - era * 400
            let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            let days = era * 146_097 + dayOfEra - 719_468
            return days * 86_400 + hour * 3_600 + minute * 60 + min(second, 59) - offsetSeconds
        }
    }

    /// Case-folded UTF-8 of a word of up to 24 bytes, packed for hashing without allocating.
    struct WordKey: Hashable, Sendable {
        private var packed: (UInt64, UInt64, UInt64) = (0, 0, 0)
        private var count = 0

        init() {}

        init(_ name: String) {
            self = Array(name.utf8).withUnsafeBufferPointer { WordKey(folding: $0) } ?? WordKey()
        }

        /// Folds ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic letters to lower case; nil past 24 bytes.
        init?(folding bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead >= 0xC2, lead <= 0xDF, index + 1 < bytes.count, bytes[index + 1] & 0xC0 == 0x80 {
                    let scalar = WordKey.lowercased(UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F))
                    guard append(0xC0 | UInt8(scalar >> 6)), append(0x80 | UInt8(scalar & 0x3F)) else { return nil }
                    index += 2
                } else {
                    let folded = lead >= UInt8(ascii: "A") && lead <= UInt8(ascii: "Z") ? lead | 0x20 : lead
                    guard append(folded) else { return nil }
                    index += 1
                }
            }
        }

        static func == (lhs: WordKey, rhs: WordKey) -> Bool {
            lhs.count == rhs.count && lhs.packed == rhs.packed
        }

        /// A cheap, unseeded hash for `NameTable`.
        var slot: Int {
            let mixed =
                packed.0 &* 0x9E37_79B9_7F4A_7C15 ^ packed.1 &* 0xC2B2_AE3D_27D4_EB4F
                ^ packed.2 &* 0x1656_67B1_9E37_79F9
            return Int(truncatingIfNeeded: mixed >> 40)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(packed.0)
            hasher.combine(packed.1)
            hasher.combine(packed.2)
        }

        private mutating func append(_ byte: UInt8) -> Bool {
            let shift = UInt64((count & 7) * 8)
            switch count >> 3 {
            case 0: packed.0 |= UInt64(byte) << shift
            case 1: packed.1 |= UInt64(byte) << shift
            case 2: packed.2 |= UInt64(byte) << shift
            default: return false
            }
            count += 1
            return true
        }

        /// Lower case of a two-byte scalar; every result still encodes in two bytes.
        private static func lowercased(_ scalar: UInt32) -> UInt32 {
            switch scalar {
            case 0xC0...0xDE where scalar != 0xD7: scalar + 0x20
            case 0x100...0x12F, 0x132...0x137, 0x14A...0x177: scalar | 1
            case 0x139...0x148, 0x179...0x17E: scalar & 1 == 1 ? scalar + 1 : scalar
            case 0x391...0x3A9 where scalar != 0x3A2: scalar + 0x20
            case 0x400...0x40F: scalar + 0x50
            case 0x410...0x42F: scalar + 0x20
            default: scalar
            }
        }
    }

    /// A read-only open-addressing map from folded names to small integers.
    ///
    /// `Dictionary`'s seeded SipHash cost more than the rest of a parse; names are few and fixed, so a
    /// multiplicative hash with linear probing is enough.
    struct NameTable: Sendable {
        private let keys: [WordKey]
        private let values: [Int]
        private let isUsed: [Bool]
        private let mask: Int

        init(_ entries: [WordKey: Int]) {
            var capacity = 16
            while capacity < entries.count * 4 { capacity *= 2 }
            var keys = [WordKey](repeating: WordKey(), count: capacity)
            var values = [Int](repeating: 0, count: capacity)
            var isUsed = [Bool](repeating: false, count: capacity)
            for (key, value) in entries {
                var slot = key.slot & (capacity - 1)
                while isUsed[slot] { slot = (slot + 1) & (capacity - 1) }
                keys[slot] = key
                values[slot] = value
                isUsed[slot] = true
            }
            self.keys = keys
            self.values = values
            self.isUsed = isUsed
            mask = capacity - 1
        }

        subscript(key: WordKey) -> Int? {
            var slot = key.slot & mask
            while isUsed[slot] {
                if keys[slot] == key { return values[slot] }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// A run of letters as read by `Cursor.readWord`.
    struct Word {
        /// The folded word, or nil when it is too long to be a name.
        var key: WordKey?
        /// True for PM, false for AM, nil for any other word.
        var meridiem: Bool?
    }

    /// A read position over the input bytes; reads past `end` see a zero byte.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int
        var end: Int

        var atEnd: Bool { index >= end }

        func peek(at offset: Int = 0) -> UInt8 {
            index + offset < end ? bytes[index + offset] : 0
        }

        func peekIsDigit(at offset: Int = 0) -> Bool { peek(at: offset).isDateDigit }

        /// The ISO date separator (`-` or `/`), 0 for basic form or a lone year, nil when this is not ISO-shaped.
        func isoShape() -> UInt8? {
            guard peekIsDigit(), peekIsDigit(at: 1), peekIsDigit(at: 2), peekIsDigit(at: 3) else { return nil }
            let next = peek(at: 4)
            if next == UInt8(ascii: "-") || next == UInt8(ascii: "/") { return peekIsDigit(at: 5) ? next : nil }
            if next.isDateDigit { return 0 }
            var probe = self
            probe.index += 4
            probe.skipSpace()
            return probe.atEnd ? 0 : nil
        }

        /// Skips ASCII whitespace and U+00A0, which HTML-minded feeds put between date parts.
        mutating func skipSpace() {
            while index < end {
                let byte = bytes[index]
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    index += 1
                } else if byte == 0xC2, peek(at: 1) == 0xA0 {
                    index += 2
                } else {
                    return
                }
            }
        }

        /// A run of digits: the value of its first nine digits (so it cannot overflow) and its full length.
        mutating func readNumber() -> (value: Int, digits: Int) {
            var value = 0
            var digits = 0
            while index < end, bytes[index].isDateDigit {
                if digits < 9 { value = value * 10 + Int(bytes[index] &- UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
            return (value, digits)
        }

        /// Reads exactly two digits, or nil.
        mutating func readTwoDigits() -> Int? {
            guard peekIsDigit(), peekIsDigit(at: 1) else { return nil }
            let value = Int(bytes[index] &- 48) * 10 + Int(bytes[index + 1] &- 48)
            index += 2
            return value
        }

        /// Reads `h[h]:mm[:ss][.fff]`, or with `allowBasic` also `hhmm[ss][.fff]`; the fraction is dropped.
        mutating func readClock(allowBasic: Bool, into fields: inout Fields) -> Bool {
            var hourDigits = 0
            var hour = 0
            while hourDigits < 2, peekIsDigit() {
                hour = hour * 10 + Int(bytes[index] &- 48)
                hourDigits += 1
                index += 1
            }
            guard hourDigits > 0 else { return false }
            let isExtended = peek() == UInt8(ascii: ":")
            guard isExtended || (allowBasic && hourDigits == 2) else { return false }
            if isExtended { index += 1 }
            guard let minute = readTwoDigits() else { return false }
            var second = 0
            if isExtended ? peek() == UInt8(ascii: ":") : peekIsDigit() {
                if isExtended { index += 1 }
                guard let value = readTwoDigits() else { return false }
                second = value
            }
            if (peek() == UInt8(ascii: ".") || peek() == UInt8(ascii: ",")) && peekIsDigit(at: 1) {
                index += 1
                while peekIsDigit() { index += 1 }
            }
            guard !peekIsDigit() else { return false }
            fields.hour = hour
            fields.minute = minute
            fields.second = second
            return true
        }

        /// Reads the digits of an offset after its sign: `hh`, `h`, `hhmm`, `hmm` or `hh:mm`; nil when invalid.
        mutating func readOffset() -> Int? {
            let (value, digits) = readNumber()
            var hours = value
            var minutes = 0
            switch digits {
            case 1, 2:
                if peek() == UInt8(ascii: ":"), peekIsDigit(at: 1) {
                    index += 1
                    guard let value = readTwoDigits() else { return nil }
                    minutes = value
                }
            case 3, 4:
                hours = value / 100
                minutes = value % 100
            default:
                return nil
            }
            guard hours <= 23, minutes <= 59 else { return nil }
            return hours * 3_600 + minutes * 60
        }

        /// Reads a run of letters (non-ASCII bytes count as letters) and folds it; `a.m.`/`p.m.` read as one word.
        mutating func readWord() -> Word {
            let start = index
            while index < end, bytes[index].isDateLetter, !(bytes[index] == 0xC2 && peek(at: 1) == 0xA0) { index += 1 }
            let length = index - start
            if length == 1 || length == 2 {
                let first = bytes[start] | 0x20
                if first == UInt8(ascii: "a") || first == UInt8(ascii: "p") {
                    if length == 2, bytes[start + 1] | 0x20 == UInt8(ascii: "m") {
                        return Word(key: nil, meridiem: first == UInt8(ascii: "p"))
                    }
                    if length == 1, peek() == UInt8(ascii: "."), peek(at: 1) | 0x20 == UInt8(ascii: "m"),
                        !peek(at: 2).isDateLetter
                    {
                        index += 2
                        if peek() == UInt8(ascii: ".") { index += 1 }
                        return Word(key: nil, meridiem: first == UInt8(ascii: "p"))
                    }
                }
            }
            let key = WordKey(folding: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            return Word(key: key, meridiem: nil)
        }
    }
}

extension UInt8 {
    var isDateDigit: Bool { self &- UInt8(ascii: "0") < 10 }
    var isDateLetter: Bool { (self | 0x20) &- UInt8(ascii: "a") < 26 || self >= 0x80 }
}
