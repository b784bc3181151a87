import Foundation

/// Reads the dates that feeds carry into UTC instants at whole-second precision.
///
/// Accepted shapes:
/// - RFC 822/1123/2822 and their real-world variants: optional weekday (any language, ignored even when wrong),
///   optional commas, day and month in either order (`1 Jan 2024`, `Jan 1, 2024`, `January 01, 2024 10:00`),
///   RFC 850 hyphens (`06-Nov-94`), ordinal suffixes (`1st`, `3.`), English and common European/Cyrillic month
///   names in any case, with or without a trailing dot, optional time `H:MM[:SS[.fff]]` with optional AM/PM.
/// - asctime and Unix `date` output: `Sun Nov  6 08:49:37 1994`, `Wed Jan 01 10:00:00 UTC 2020`.
/// - RFC 3339 / ISO 8601 / W3C-DTF, extended and basic: `2024-01-05T10:20:30.123+01:00`, `20240105T102030Z`,
///   `2024-01-05 10:20`, `2024-01-05`, `20240105`, `2024/01/05`. Year-month (`2024-01`) means the 1st of the
///   month and a lone year (`2024`) means January 1st, as W3C-DTF reads them.
///
/// Zones: `Z`, `+hhmm`, `-hhmm`, `+hh:mm`, `+hh`, `UT`/`UTC`/`GMT` (optionally followed by an offset, `GMT+1`),
/// the RFC 822 US names, and a small table of unambiguous abbreviations (CET, CEST, BST, JST, AEST, ...).
/// Military single letters other than `Z` follow RFC 5322 section 4.3: their signs were wrong in RFC 822
/// (RFC 1123 section 5.2.14), so they carry no information and count as UTC. Ambiguous names (IST, AST) and
/// unknown words in the zone position also count as UTC, as does a missing zone.
///
/// Two-digit years follow RFC 2822 (00-49 are 2000-2049, 50-99 are 1950-1999); three-digit years and years
/// outside 1900...9999 are rejected. `24:00:00` is the next midnight, a leap second `:60` becomes `:59`, and
/// fractions are truncated. Text after a complete date (`(Coordinated Universal Time)`, junk) is ignored. Only the
/// first 256 bytes after leading whitespace are read, so long garbage costs little. Anything else gives nil.
enum FeedDateParser {
    /// The instant `text` names, or nil when it is not a date this parser can read.
    static func parse(_ text: String) -> Date? {
        if let date = text.utf8.withContiguousStorageIfAvailable({ parse($0) }) { return date }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { parse($0) } ?? nil
    }

    /// The instant the UTF-8 `bytes` name, or nil when they are not a date this parser can read.
    ///
    /// This is the allocation-free path; the XML and JSON readers call it on their text buffers directly.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard let seconds = epochSeconds(bytes) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Seconds since 1970-01-01T00:00:00Z for the date in `bytes`, or nil.
    static func epochSeconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var cursor = Cursor(bytes: bytes, index: 0, end: bytes.count)
        cursor.skipSpace()
        cursor.end = min(bytes.count, cursor.index + maximumLength)
        var fields = Fields()
        let parsed: Bool
        if let separator = cursor.isoShape() {
            parsed = parseISO(&cursor, separator: separator, into: &fields)
        } else {
            parsed = parseText(&cursor, into: &fields)
        }
        return parsed ? fields.epochSeconds() : nil
    }

    /// Bytes read after leading whitespace; every real date, with its zone, fits well within this.
    private static let maximumLength = 256

    // MARK: - ISO 8601

    /// Parses `YYYY-MM[-DD][(T| )hh:mm[:ss[.f]][zone]]`, its `/` form, its basic form, or a lone year.
    private static func parseISO(_ cursor: inout Cursor, separator: UInt8, into fields: inout Fields) -> Bool {
        if separator == 0 {
            // Basic form: exactly eight digits, then an optional basic or extended time.
            let (date, digits) = cursor.readNumber()
            guard digits == 8 else {
                cursor.skipSpace()
                return digits == 4 && cursor.atEnd ? fields.setYearOnly(date) : false
            }
            fields.year = date / 10_000
            fields.month = date / 100 % 100
            fields.day = date % 100
        } else {
            fields.year = cursor.readNumber().value
            cursor.index += 1
            let (month, monthDigits) = cursor.readNumber()
            guard monthDigits == 1 || monthDigits == 2 else { return false }
            fields.month = month
            guard cursor.peek() == separator else {
                // Year-month only; a digit or time here would be a malformed date, not trailing text.
                fields.day = 1
                return !(cursor.peekIsDigit() || cursor.peek() | 0x20 == UInt8(ascii: "t"))
            }
            cursor.index += 1
            let (day, dayDigits) = cursor.readNumber()
            guard dayDigits == 1 || dayDigits == 2 else { return false }
            fields.day = day
        }
        guard !cursor.atEnd else { return true }
        let next = cursor.peek()
        if next | 0x20 == UInt8(ascii: "t") {
            cursor.index += 1
            guard cursor.readClock(allowBasic: true, into: &fields) else { return false }
        } else if next.isDateDigit {
            return false
        } else {
            let mark = cursor.index
            cursor.skipSpace()
            guard cursor.peekIsDigit() else { return true }
            cursor.index = mark
            cursor.skipSpace()
            guard cursor.readClock(allowBasic: false, into: &fields) else { return false }
        }
        return readZoneTail(&cursor, into: &fields)
    }

    /// Reads an optional AM/PM marker, zone name and numeric offset after an ISO time; other text is ignored.
    private static func readZoneTail(_ cursor: inout Cursor, into fields: inout Fields) -> Bool {
        cursor.skipSpace()
        if cursor.peek().isDateLetter {
            let word = cursor.readWord()
            if let meridiem = word.meridiem {
                guard fields.applyMeridiem(meridiem) else { return false }
                cursor.skipSpace()
                guard cursor.peek().isDateLetter else { return readOffsetIfPresent(&cursor, into: &fields) }
                return readZoneTail(&cursor, into: &fields)
            }
            fields.offsetSeconds = zoneOffset(word.key)
            guard fields.offsetSeconds == 0 else { return true }
        }
        return readOffsetIfPresent(&cursor, into: &fields)
    }

    private static func readOffsetIfPresent(_ cursor: inout Cursor, into fields: inout Fields) -> Bool {
        let sign = cursor.peek()
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), cursor.peekIsDigit(at: 1) else { return true }
        cursor.index += 1
        guard let offset = cursor.readOffset() else { return false }
        fields.offsetSeconds = sign == UInt8(ascii: "-") ? -offset : offset
        return true
    }

    // MARK: - RFC 822 and friends

    /// Parses the token soup of RFC 822-like and asctime dates; see the type's documentation for what is accepted.
    private static func parseText(_ cursor: inout Cursor, into fields: inout Fields) -> Bool {
        var monthMayBeWeekday = false
        var hasZone = false
        var hasNumericZone = false
        var hasMeridiem = false
        while !cursor.atEnd {
            let byte = cursor.peek()
            if byte == 0xC2, cursor.peek(at: 1) == 0xA0 {
                cursor.index += 2
            } else if byte.isDateDigit {
                let start = cursor.index
                let (value, digits) = cursor.readNumber()
                if cursor.peek() == UInt8(ascii: ":") {
                    guard fields.hour < 0 else { return fields.hasDate }
                    cursor.index = start
                    guard cursor.readClock(allowBasic: false, into: &fields) else { return false }
                    continue
                }
                if digits == 4, fields.year < 0 {
                    fields.year = value
                } else if digits <= 2, fields.day == 0, !(fields.year >= 0 && fields.month == 0) {
                    fields.day = value
                } else if digits == 2, fields.year < 0, fields.month > 0 {
                    fields.year = value < 50 ? 2000 + value : 1900 + value
                } else {
                    return fields.hasDate
                }
            } else if byte.isDateLetter {
                let word = cursor.readWord()
                if fields.hour >= 0, !hasMeridiem, let meridiem = word.meridiem {
                    guard fields.applyMeridiem(meridiem) else { return false }
                    hasMeridiem = true
                    continue
                }
                let meaning = UInt8(truncatingIfNeeded: word.key.flatMap { words[$0] } ?? 0)
                let month = Int(meaning & monthMask)
                if month != 0, fields.month == 0 || (monthMayBeWeekday && fields.year < 0) {
                    fields.month = month
                    monthMayBeWeekday = monthMayBeWeekday ? false : meaning & weekdayFlag != 0
                } else if meaning & weekdayFlag != 0 {
                    continue
                } else if month != 0 {
                    return fields.hasDate
                } else if fields.hour >= 0, !hasZone {
                    hasZone = true
                    fields.offsetSeconds = zoneOffset(word.key)
                } else if hasZone, fields.hasDate {
                    return true
                }
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                guard fields.hour >= 0, cursor.peekIsDigit(at: 1) else {
                    cursor.index += 1
                    continue
                }
                // An offset may refine a zero-offset name (`GMT+1`) but not replace a real one.
                guard !hasNumericZone, fields.offsetSeconds == 0 else { return fields.hasDate }
                cursor.index += 1
                guard let offset = cursor.readOffset() else { return false }
                fields.offsetSeconds = byte == UInt8(ascii: "-") ? -offset : offset
                hasZone = true
                hasNumericZone = true
            } else if byte == UInt8(ascii: "(") {
                break
            } else {
                cursor.index += 1
            }
        }
        return true
    }

    // MARK: - Names

    private static let monthMask: UInt8 = 0x0F
    private static let weekdayFlag: UInt8 = 0x10

    /// Month and weekday names keyed by their case-folded UTF-8; values are a month number and/or `weekdayFlag`.
    private static let words: NameTable = {
        var table: [WordKey: Int] = [:]
        let months: [[String]] = [
            [
                "jan", "january", "janv", "janvier", "januar", "jänner", "jän", "januari", "ene", "enero", "gen",
                "gennaio", "janeiro", "sty", "styczeń", "stycznia", "leden", "ledna", "янв", "январь", "января",
                "січня", "ocak", "tammikuuta",
            ],
            [
                "feb", "february", "févr", "fév", "fevr", "fev", "février", "fevrier", "februar", "feber", "februari",
                "febrero", "febbraio", "fevereiro", "lut", "luty", "lutego", "únor", "února", "фев", "февр",
                "февраль", "февраля", "лютого", "şubat", "helmikuuta",
            ],
            [
                "mar", "march", "mars", "märz", "mär", "mrz", "maart", "mrt", "marts", "marzo", "março", "marco",
                "marzec", "marca", "březen", "března", "март", "марта", "березня", "mart", "maaliskuuta",
            ],
            [
                "apr", "april", "avr", "avril", "abr", "abril", "aprile", "kwi", "kwiecień", "kwietnia", "duben",
                "dubna", "апр", "апрель", "апреля", "квітня", "nisan", "huhtikuuta",
            ],
            [
                "may", "mai", "mei", "maj", "mayo", "mag", "maggio", "maio", "maja", "květen", "května", "май",
                "мая", "травня", "mayıs", "toukokuuta",
            ],
            [
                "jun", "june", "juin", "juni", "junio", "giu", "giugno", "junho", "cze", "czerwiec", "czerwca",
                "červen", "června", "июн", "июнь", "июня", "червня", "haziran", "kesäkuuta",
            ],
            [
                "jul", "july", "juil", "juillet", "juli", "julio", "lug", "luglio", "julho", "lip", "lipiec", "lipca",
                "červenec", "července", "июл", "июль", "июля", "липня", "temmuz", "heinäkuuta",
            ],
            [
                "aug", "august", "août", "aout", "augustus", "augusti", "ago", "agosto", "sie", "sierpień", "sierpnia",
                "srpen", "srpna", "авг", "август", "августа", "серпня", "ağustos", "elokuuta",
            ],
            [
                "sep", "sept", "september", "septembre", "septiembre", "setiembre", "set", "settembre", "setembro",
                "wrz", "wrzesień", "września", "září", "сен", "сент", "сентябрь", "сентября", "вересня", "eylül",
                "syyskuuta",
            ],
            [
                "oct", "october", "octobre", "okt", "oktober", "octubre", "ott", "ottobre", "out", "outubro", "paź",
                "październik", "października", "říjen", "října", "окт", "октябрь", "октября", "жовтня", "ekim",
                "lokakuuta",
            ],
            [
                "nov", "november", "novembre", "noviembre", "novembro", "lis", "listopad", "listopada", "listopadu",
                "ноя", "нояб", "ноябрь", "ноября", "листопада", "kasım", "marraskuuta",
            ],
            [
                "dec", "december", "déc", "décembre", "decembre", "dez", "dezember", "dezembro", "dic", "diciembre",
                "dicembre", "des", "desember", "gru", "grudzień", "grudnia", "prosinec", "prosince", "дек", "декабрь",
                "декабря", "грудня", "aralık", "joulukuuta",
            ],
        ]
        for (index, names) in months.enumerated() {
            for name in names { table[WordKey(name)] = index + 1 }
        }
        let weekdays = [
            "mon", "monday", "tue", "tues", "tuesday", "wed", "weds", "wednesday", "thu", "thur", "thurs", "thursday",
            "fri", "friday", "sat", "saturday", "sun", "sunday",
            "mo", "di", "mi", "do", "fr", "sa", "so", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
            "samstag", "sonnabend", "sonntag",
            "lun", "mar", "mer", "jeu", "ven", "sam", "dim", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
            "samedi", "dimanche",
            "mié", "mie", "jue", "vie", "sáb", "sab", "dom", "lunes", "martes", "miércoles", "miercoles", "jueves",
            "viernes", "sábado", "sabado", "domingo",
            "gio", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
            "ma", "wo", "vr", "za", "zo", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
            "zondag",
            "seg", "ter", "qua", "qui", "sex", "segunda", "terça", "quarta", "quinta", "sexta", "feira",
            "mån", "tis", "ons", "tor", "fre", "lör", "sön", "man", "tir", "lør", "søn", "måndag", "tisdag", "onsdag",
            "torsdag", "fredag", "lördag", "söndag", "mandag", "tirsdag", "lørdag", "søndag",
            "pon", "wt", "śr", "czw", "pt", "sob", "niedz", "nd", "poniedziałek", "wtorek", "środa", "czwartek",
            "piątek", "sobota", "niedziela",
            "po", "út", "st", "čt", "pá", "ne", "pondělí", "úterý", "středa", "čtvrtek", "pátek", "neděle",
            "пн", "вт", "ср", "чт", "пт", "сб", "вс", "понедельник", "вторник", "среда", "четверг", "пятница",
            "суббота", "воскресенье",
        ]
        // "mar" is also the French, Spanish and Italian abbreviation of Tuesday; parseText disambiguates.
        for name in weekdays { table[WordKey(name), default: 0] |= Int(weekdayFlag) }
        return NameTable(table)
    }()

    /// UTC offsets in seconds of zone names whose meaning is not in doubt.
    private static let zones: NameTable = {
        let minutes: [(String, Int)] = [
            ("ut", 0), ("utc", 0), ("gmt", 0), ("uct", 0), ("z", 0), ("wet", 0),
            ("est", -300), ("edt", -240), ("cst", -360), ("cdt", -300), ("mst", -420), ("mdt", -360),
            ("pst", -480), ("pdt", -420), ("akst", -540), ("akdt", -480), ("hst", -600), ("nst", -210),
            ("ndt", -150), ("bst", 60), ("west", 60), ("cet", 60), ("cest", 120), ("met", 60), ("mest", 120),
            ("mez", 60), ("mesz", 120), ("eet", 120), ("eest", 180), ("msk", 180), ("hkt", 480), ("sgt", 480),
            ("awst", 480), ("jst", 540), ("kst", 540), ("acst", 570), ("acdt", 630), ("aest", 600),
            ("aedt", 660), ("nzst", 720), ("nzdt", 780),
        ]
        var table: [WordKey: Int] = [:]
        for (name, offset) in minutes { table[WordKey(name)] = offset * 60 }
        return NameTable(table)
    }()

    /// The offset of a zone name; unknown, ambiguous and military names count as UTC (see the type's docs).
    private static func zoneOffset(_ key: WordKey?) -> Int {
        guard let key else { return 0 }
        return zones[key] ?? 0
    }
}
