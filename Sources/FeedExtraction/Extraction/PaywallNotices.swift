/// The words a paywall puts where the rest of the article would be ("Subscribe to continue reading").
///
/// Searched in bytes (ASCII lower-cased, whitespace runs as one space, a typographic apostrophe as `'`), at word
/// starts only: the page's whole text is searched once per page, and Swift's `String.contains` compares by
/// grapheme, which made it most of extraction's time.
enum PaywallNotices {
    static let notices: [[UInt8]] = [
        "subscribe to continue", "subscribe to read", "subscribe now to read", "subscribers only",
        "only available to subscribers", "exclusive to subscribers", "to continue reading", "already a subscriber",
        "already have an account", "log in to continue", "login to continue", "sign in to continue", "sign in to read",
        "register to continue", "create a free account to", "become a member to read", "members only",
        "unlock this article", "start your subscription", "you have reached your limit", "you've reached your limit",
        "free articles remaining", "this article is for subscribers", "this content is for subscribers",
        "premium article",
    ].map { Array($0.utf8) }

    /// Whether `text` holds one of the notices.
    static func appear(in text: some Sequence<UInt8>) -> Bool {
        let normalized = normalize(text)
        return normalized.withUnsafeBufferPointer { haystack in
            var index = 0
            while index < haystack.count {
                if index == 0 || haystack[index - 1] == 0x20 {
                    for notice in byFirstByte[Int(haystack[index])] where startsWith(haystack, at: index, notice) {
                        return true
                    }
                }
                index += 1
            }
            return false
        }
    }

    /// The notices by their first byte.
    private static let byFirstByte: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for notice in notices {
            table[Int(notice[0])].append(notice)
        }
        return table
    }()

    private static func startsWith(_ haystack: UnsafeBufferPointer<UInt8>, at index: Int, _ notice: [UInt8]) -> Bool {
        guard haystack.count - index >= notice.count else { return false }
        for offset in 0..<notice.count where haystack[index + offset] != notice[offset] {
            return false
        }
        return true
    }

    /// Whether `text` holds one of the notices.
    static func appear(in text: String) -> Bool {
        appear(in: text.utf8)
    }

    private static func normalize(_ text: some Sequence<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.underestimatedCount)
        var pendingSpace = false
        var pendingQuote = 0
        for byte in text {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                pendingSpace = true
                continue
            }
            if pendingSpace {
                if !output.isEmpty { output.append(0x20) }
                pendingSpace = false
            }
            // U+2019 RIGHT SINGLE QUOTATION MARK is E2 80 99: written as an ASCII apostrophe.
            switch (pendingQuote, byte) {
            case (0, 0xE2): pendingQuote = 1; continue
            case (1, 0x80): pendingQuote = 2; continue
            case (2, 0x99): pendingQuote = 0; output.append(UInt8(ascii: "'")); continue
            case (1, _): output.append(0xE2); pendingQuote = 0
            case (2, _): output.append(contentsOf: [0xE2, 0x80]); pendingQuote = 0
            default: break
            }
            output.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return output
    }
}
