import FeedModel
import Foundation

/// Reads back the small JSON lists the store keeps in text columns (written with `JSONWriter`).
enum StoredJSON {
    static func strings(_ text: String?) -> [String] {
        decode([String].self, text) ?? []
    }

    /// The distinct lines of a `group_concat(…, char(10))`, in order (not JSON, but read back the same way).
    static func distinctLines(_ text: String?) -> [String] {
        guard let text else { return [] }
        var seen = Set<String>()
        return text.split(separator: "\n").map(String.init).filter { seen.insert($0).inserted }
    }

    static func authors(_ text: String?) -> [Author] {
        decode([Author].self, text) ?? []
    }

    static func enclosures(_ text: String?) -> [Enclosure] {
        decode([Enclosure].self, text) ?? []
    }

    static func text(strings: [String]) -> String {
        JSONWriter.text { $0.strings(strings) }
    }

    /// A feed's options; options this build cannot read (a newer feedd's) count as none rather than failing.
    static func options(_ text: String?) -> FeedOptions {
        decode(FeedOptions.self, text) ?? .none
    }

    /// The options column: NULL for none, else JSON with sorted keys, so an unchanged value compares equal.
    static func text(options: FeedOptions) -> String? {
        guard !options.isEmpty else {
            return nil
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(options)).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        // Empty lists are by far the most common value: skip the decoder for them.
        guard let text, text != "[]" else {
            return nil
        }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
