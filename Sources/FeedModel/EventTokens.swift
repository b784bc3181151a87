/// What a report of an event names: the people, places and organisations written with a capital inside a
/// sentence, and the numbers (a vote of 7-2, $48 million, 2,300 homes) — the facts different outlets share
/// when they write one event in their own words.
///
/// Read from the title and the start of the text (the lead carries the facts); years, sentence-initial words and
/// calendar words are left out because every report has them. Pure; safe on any thread.
public struct EventTokens: Sendable, Equatable {
    /// Lower-cased names.
    public let names: Set<String>
    /// Numbers as written, without thousands separators ("7-2", "48", "2300", "1.1").
    public let numbers: Set<String>

    /// How much of the text is read after the title, in Unicode scalars.
    static let leadCharacters = 1200

    public init(title: String?, text: String?) {
        var names: Set<String> = []
        var numbers: Set<String> = []
        // A title in title case ("Council Backs Ferry Terminal Overhaul") capitalises every word: its numbers
        // count, its names do not.
        let title = title ?? ""
        Self.scan(title[...].unicodeScalars, names: &names, numbers: &numbers, namesToo: !Self.isTitleCase(title))
        let text = (text ?? "")[...].unicodeScalars
        Self.scan(text.prefix(Self.leadCharacters), names: &names, numbers: &numbers, namesToo: true)
        self.names = names
        self.numbers = numbers
    }

    /// Most words of four letters or more start with a capital.
    private static func isTitleCase(_ title: String) -> Bool {
        let long = title.split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 4 }
        guard long.count >= 2 else { return false }
        return long.filter { $0.first!.isUppercase }.count * 5 >= long.count * 3
    }

    /// Reads words scalar by scalar: a digest relates thousands of stories, and walking `Character`s (grapheme
    /// breaking) would cost more than the rest of building it.
    private static func scan(
        _ text: Substring.UnicodeScalarView, names: inout Set<String>, numbers: inout Set<String>, namesToo: Bool
    ) {
        var sentenceStart = true
        var word = String.UnicodeScalarView()
        func finish() {
            defer { word = String.UnicodeScalarView() }
            guard let first = word.first else { return }
            if isDigit(first) {
                var number = String.UnicodeScalarView()
                number.append(contentsOf: word.lazy.filter { $0 != "," })
                // Years and lone digits are in every report.
                let written = String(number)
                if number.count >= 2 && !isYear(written) { numbers.insert(written) }
            } else if namesToo && isUpper(first) && !sentenceStart && word.count >= 3 {
                let lowered = String(word).lowercased()
                if !calendarWords.contains(lowered) { names.insert(lowered) }
            }
            sentenceStart = false
        }
        var previous: Unicode.Scalar = " "
        for scalar in text {
            if isWordScalar(scalar) {
                word.append(scalar)
            } else if let first = word.first, isDigit(first), scalar == "," || scalar == "." || scalar == "-",
                isDigit(previous)
            {
                // 2,300 and 1.1 and 7-2 are one number; the character after decides whether it continues.
                word.append(scalar)
            } else {
                // "rose to 48. Analysts said": the full stop kept by the number ends the sentence.
                var endedSentence = false
                if let last = word.last, !isWordScalar(last) {
                    endedSentence = last == "."
                    word.removeLast()
                }
                finish()
                if endedSentence || scalar == "." || scalar == "!" || scalar == "?" || scalar == "\n" || scalar == ":" {
                    sentenceStart = true
                }
            }
            previous = scalar
        }
        if let last = word.last, !isWordScalar(last) { word.removeLast() }
        finish()
    }

    /// A letter (with its combining marks) or a digit.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let byte = UInt8(scalar.value) | 0x20
            return (byte >= 0x61 && byte <= 0x7A) || (scalar.value >= 0x30 && scalar.value <= 0x39)
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return properties.isAlphabetic || properties.numericType != nil
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar.value >= 0x30 && scalar.value <= 0x39 : scalar.properties.numericType == .decimal
    }

    private static func isUpper(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar.value >= 0x41 && scalar.value <= 0x5A : scalar.properties.isUppercase
    }

    private static func isYear(_ number: String) -> Bool {
        number.count == 4 && (number.hasPrefix("19") || number.hasPrefix("20")) && number.allSatisfy(\.isNumber)
    }

    /// Capitalised in every report of anything: days, months, and the words of headlines' style.
    private static let calendarWords: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar", "februar", "märz",
        "juni", "juli", "oktober", "dezember", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
        "dimanche", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "enero",
        "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
        "diciembre", "the", "and", "for", "with", "from", "after", "new", "how", "why", "what", "who",
    ]
}
