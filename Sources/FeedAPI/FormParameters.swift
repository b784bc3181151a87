/// The parameters of a request: its query string and, for a form POST, its body, in the order they came.
///
/// Google Reader clients repeat names (`i=1&i=2`, `a=…&r=…`), so this keeps every value; `first` and `all` read
/// them. Names and values are percent-decoded with `+` as a space; a malformed escape is kept as it is written.
public struct FormParameters: Sendable, Equatable {
    /// At most this many pairs are read from one request; the rest are ignored. Google Reader clients send at most
    /// a few hundred ids at once, and a bound keeps a hostile request's cost small.
    public static let maximumCount = 20_000

    public private(set) var pairs: [(name: String, value: String)] = []

    public init() {}

    public init(_ pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    /// Reads `application/x-www-form-urlencoded` text (a query string without its `?`, or a form body).
    public init(encoded text: Substring) {
        append(encoded: text)
    }

    /// Adds the pairs of `text` after those already read.
    public mutating func append(encoded text: Substring) {
        for field in text.split(separator: "&", omittingEmptySubsequences: true) {
            guard pairs.count < Self.maximumCount else { return }
            if let equals = field.firstIndex(of: "=") {
                pairs.append(
                    (Self.decode(field[..<equals]), Self.decode(field[field.index(after: equals)...])))
            } else {
                pairs.append((Self.decode(field), ""))
            }
        }
    }

    /// The first value of `name`, or nil.
    public func first(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value of `name`, in order.
    public func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    /// True when `name` is present, with or without a value (Fever's `?api&items`).
    public func contains(_ name: String) -> Bool {
        pairs.contains { $0.name == name }
    }

    public static func == (lhs: FormParameters, rhs: FormParameters) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Percent-decoding, with `+` as a space in a form (not in a path, where it is a plus); bytes that do not
    /// form UTF-8 become U+FFFD.
    static func decode(_ text: Substring, plusIsSpace: Bool = true) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || plusIsSpace && $0 == UInt8(ascii: "+") })
        else {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var index = text.utf8.startIndex
        let end = text.utf8.endIndex
        while index < end {
            let byte = text.utf8[index]
            if plusIsSpace && byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"),
                let high = text.utf8.index(index, offsetBy: 1, limitedBy: end), high < end,
                let low = text.utf8.index(index, offsetBy: 2, limitedBy: end), low < end,
                let value = hexValue(text.utf8[high], text.utf8[low])
            {
                bytes.append(value)
                index = low
            } else {
                bytes.append(byte)
            }
            index = text.utf8.index(after: index)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ high: UInt8, _ low: UInt8) -> UInt8? {
        func digit(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        guard let high = digit(high), let low = digit(low) else { return nil }
        return high << 4 | low
    }
}
