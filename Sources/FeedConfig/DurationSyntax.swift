/// Parses and formats the duration syntax used in feedd.toml and on feedctl's command line.
///
/// A duration is one or more `<integer><unit>` components with units `w` (7 days), `d`, `h`, `m`, `s` and `ms`,
/// largest unit first and each unit at most once, optionally separated by spaces: `90s`, `30m`, `1h30m`, `2d`,
/// `1w 2d`. A bare integer means seconds. Negative durations and fractions are not accepted.
public enum DurationSyntax {
    /// What a valid duration looks like, for error messages.
    public static let expectation = "a duration such as 90s, 30m, 1h or 1d"

    /// Parses `text`, returning nil if it is not a valid duration or does not fit in `Duration`.
    public static func parse(_ text: String) -> Duration? {
        var bytes = Array(text.utf8)[...]
        trimSpaces(&bytes)
        guard !bytes.isEmpty else { return nil }
        if bytes.allSatisfy(isDigit) {
            guard let seconds = integer(bytes) else { return nil }
            return .seconds(seconds)
        }
        var seconds: Int64 = 0
        var milliseconds: Int64 = 0
        // Units must strictly decrease, which rejects repeats such as "1m30m" (most likely a typo).
        var previousRank = Int.max
        while !bytes.isEmpty {
            let digits = bytes.prefix(while: isDigit)
            guard !digits.isEmpty, let value = integer(digits) else { return nil }
            bytes = bytes.dropFirst(digits.count)
            let unitBytes = bytes.prefix(while: isLetter)
            guard let unit = Unit(bytes: unitBytes), unit.rank < previousRank else { return nil }
            previousRank = unit.rank
            bytes = bytes.dropFirst(unitBytes.count)
            trimLeadingSpaces(&bytes)
            if unit == .millisecond {
                guard case let (sum, false) = milliseconds.addingReportingOverflow(value) else { return nil }
                milliseconds = sum
            } else {
                guard case let (product, false) = value.multipliedReportingOverflow(by: unit.seconds),
                    case let (sum, false) = seconds.addingReportingOverflow(product)
                else { return nil }
                seconds = sum
            }
        }
        guard case let (total, false) = seconds.addingReportingOverflow(milliseconds / 1000) else { return nil }
        return .seconds(total) + .milliseconds(milliseconds % 1000)
    }

    /// Formats `duration` in canonical form, each unit as large as possible: `1h30m` (not `90m`), `1m30s`, `2w`, `0s`.
    ///
    /// `parse` reads the result back to the same duration. Precision below one millisecond is dropped; negative
    /// durations get a leading `-` (which `parse` rejects).
    public static func format(_ duration: Duration) -> String {
        if duration < .zero {
            return "-" + format(.zero - duration)
        }
        let components = duration.components
        var seconds = components.seconds
        let milliseconds = components.attoseconds / 1_000_000_000_000_000
        var text = ""
        for unit in [Unit.week, .day, .hour, .minute, .second] where seconds >= unit.seconds {
            text += "\(seconds / unit.seconds)\(unit.symbol)"
            seconds %= unit.seconds
        }
        if milliseconds > 0 {
            text += "\(milliseconds)ms"
        }
        return text.isEmpty ? "0s" : text
    }

    private enum Unit {
        case week, day, hour, minute, second, millisecond

        init?(bytes: ArraySlice<UInt8>) {
            switch String(decoding: bytes, as: UTF8.self) {
            case "w": self = .week
            case "d": self = .day
            case "h": self = .hour
            case "m": self = .minute
            case "s": self = .second
            case "ms": self = .millisecond
            default: return nil
            }
        }

        var seconds: Int64 {
            switch self {
            case .week: 604_800
            case .day: 86_400
            case .hour: 3_600
            case .minute: 60
            case .second: 1
            case .millisecond: 0
            }
        }

        var rank: Int {
            switch self {
            case .week: 6
            case .day: 5
            case .hour: 4
            case .minute: 3
            case .second: 2
            case .millisecond: 1
            }
        }

        var symbol: String {
            switch self {
            case .week: "w"
            case .day: "d"
            case .hour: "h"
            case .minute: "m"
            case .second: "s"
            case .millisecond: "ms"
            }
        }
    }
}

func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}

func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
}

/// Reads a non-empty run of ASCII digits as a non-negative Int64, nil on overflow.
func integer(_ digits: ArraySlice<UInt8>) -> Int64? {
    var value: Int64 = 0
    for digit in digits {
        guard case let (product, false) = value.multipliedReportingOverflow(by: 10),
            case let (sum, false) = product.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
        else { return nil }
        value = sum
    }
    return value
}

func trimLeadingSpaces(_ bytes: inout ArraySlice<UInt8>) {
    while let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
        bytes.removeFirst()
    }
}

func trimSpaces(_ bytes: inout ArraySlice<UInt8>) {
    trimLeadingSpaces(&bytes)
    while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
        bytes.removeLast()
    }
}
