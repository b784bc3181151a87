import Foundation

/// Google Reader's item ids, which name feedd's article ids in three forms.
///
/// The long form `tag:google.com,2005:reader/item/000000000000001f` (16 hex digits), the short form, which is the
/// same 64 bits as a signed decimal (`31`), and the bare 16 hex digits some clients keep of the long form.
///
/// NetNewsWire sends a fourth: hex without its leading zeros (`1f`), as Miniflux reads every short form. feedd's
/// ids are small, so such an id often has no letter (`31` for 49) and reads as decimal, the wrong article: the
/// short forms of a request are hex when it comes from NetNewsWire (its User-Agent) or when any of them has a hex
/// letter (the 16-digit form does not count: it is hex whatever its digits), and decimal otherwise, as the Google Reader API and the other apps (Read You, FeedMe) have them.
enum ItemID {
    static let prefix = "tag:google.com,2005:reader/item/"

    /// The article ids a request's `i=` values name, in order, each read as `parse(_:shortFormIsHex:)` does, with
    /// the short forms' base chosen for the whole request.
    static func parse(_ texts: [String], userAgent: String?) throws(GoogleReaderError) -> [Int64] {
        let trimmed = texts.map { $0.trimmingCharacters(in: .whitespaces) }
        let hex =
            userAgent?.contains("NetNewsWire") == true
            || trimmed.contains {
                $0.count != 16 && !$0.hasPrefix(prefix) && $0.contains { "abcdefABCDEF".contains($0) }
            }
        var ids: [Int64] = []
        for text in trimmed {
            ids.append(try parse(text, shortFormIsHex: hex))
        }
        return ids
    }

    /// The article id an item id names; throws a 400 that quotes it when it is none of the forms.
    static func parse(_ text: String, shortFormIsHex: Bool = false) throws(GoogleReaderError) -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(prefix) {
            let hex = trimmed.dropFirst(prefix.count)
            if (1...16).contains(hex.count), hex.allSatisfy(\.isHexDigit), let bits = UInt64(hex, radix: 16) {
                return Int64(bitPattern: bits)
            }
        } else if trimmed.count == 16, trimmed.allSatisfy(\.isHexDigit), let bits = UInt64(trimmed, radix: 16) {
            return Int64(bitPattern: bits)
        } else if shortFormIsHex, (1...16).contains(trimmed.count), trimmed.allSatisfy(\.isHexDigit),
            let bits = UInt64(trimmed, radix: 16)
        {
            return Int64(bitPattern: bits)
        } else if let id = Int64(trimmed) {
            return id
        }
        throw GoogleReaderError(
            400, "item id '\(text)' is neither decimal nor tag:google.com,2005:reader/item/HEX")
    }

    /// The long form of an article id.
    static func long(_ id: Int64) -> String {
        let hex = String(UInt64(bitPattern: id), radix: 16)
        return prefix + String(repeating: "0", count: max(16 - hex.count, 0)) + hex
    }
}
