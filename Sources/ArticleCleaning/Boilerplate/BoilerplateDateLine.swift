/// Layer 3: recognises a block that is only a date or dateline ("March 13, 2023", "2023-03-13",
/// "Mar. 13, 2023 10:00 AM ET", "Updated: 13 March 2023").
enum BoilerplateDateLine {
    /// True when every word of the normalised `text` belongs to a date, time or its labels, and it has a date.
    static func isDateLine(_ text: BoilerplateText) -> Bool {
        var words = 0
        var months = 0
        var years = 0
        var smallNumbers = 0
        let allDateWords = text.forEachWord { word in
            words += 1
            guard words <= 12 else { return false }
            if let number = number(word) {
                if number >= 1900 && number <= 2100 && word.count == 4 {
                    years += 1
                } else if word.count <= 2 {
                    smallNumbers += 1
                } else {
                    return false
                }
                return true
            }
            if isOrdinal(word) {
                smallNumbers += 1
                return true
            }
            for name in monthNames where equal(word, name) {
                months += 1
                return true
            }
            for name in otherWords where equal(word, name) { return true }
            return false
        }
        guard allDateWords, words > 0 else { return false }
        return (months > 0 && (years > 0 || smallNumbers > 0)) || (years > 0 && smallNumbers >= 2)
    }

    private static func number(_ word: ArraySlice<UInt8>) -> Int? {
        guard !word.isEmpty, word.count <= 4 else { return nil }
        var value = 0
        for byte in word {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// "13th", "1st", "22nd", "3rd".
    private static func isOrdinal(_ word: ArraySlice<UInt8>) -> Bool {
        guard word.count >= 3, word.count <= 4 else { return false }
        let digits = word.dropLast(2)
        guard number(digits) != nil else { return false }
        let suffix = BoilerplateText(word.suffix(2))
        return suffix.equals("st") || suffix.equals("nd") || suffix.equals("rd") || suffix.equals("th")
    }

    private static func equal(_ word: ArraySlice<UInt8>, _ name: StaticString) -> Bool {
        BoilerplateText(word).equals(name)
    }

    private static let monthNames: [StaticString] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    private static let otherWords: [StaticString] = [
        "updated", "published", "posted", "modified", "last", "on", "at", "am", "pm", "a", "m", "p", "t", "z",
        "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "utc", "gmt", "bst", "cet",
        "cest", "ist", "aest", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
        "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ]
}
