import Digest
import FeedConfig

/// A file under `/digest/` that a request may name: only the files of configured editions, by the names feedd
/// writes them under, in the edition's own directory.
///
/// The file name is rebuilt from the edition's configured name and a day checked digit by digit, never taken from
/// the request, so no request can name a file outside the digest directories (`..`, `/`, escapes).
struct DigestPageTarget: Sendable, Equatable {
    /// The edition the file belongs to.
    var edition: String
    var directory: String
    var fileName: String
    var contentType: String
    /// The day of a day's file (`YYYY-MM-DD`), nil for `latest` and Atom files.
    var day: String?
    /// The line a 404 gives while the file is not there yet ("no digest for 2026-12-01 yet").
    var missing: String

    var path: String { directory + "/" + fileName }

    static let htmlType = "text/html; charset=utf-8"
    static let atomType = "application/atom+xml"

    /// The target a request's name (the path after `/digest/`) stands for, or nil when it names no edition file.
    ///
    /// `latest.html` and `YYYY-MM-DD.html` are the first (default) edition's, prefixed with its name when it has
    /// named files; `NAME-latest.html` and `NAME-YYYY-MM-DD.html` are a named edition's; `NAME.atom` is the Atom
    /// feed of an edition with `atom` on.
    static func resolve(_ name: String, editions: [DigestSettings]) -> DigestPageTarget? {
        guard !name.contains("/"), let first = editions.first else { return nil }
        if name == DigestFiles.latestHTMLName {
            return latest(of: first, missing: "no digest yet")
        }
        if name.hasSuffix(".atom") {
            let edition = name.dropLast(5)
            guard let settings = editions.first(where: { $0.atom && $0.name == edition }) else { return nil }
            return DigestPageTarget(
                edition: settings.name, directory: settings.directory,
                fileName: DigestAtom.fileName(edition: settings.name), contentType: atomType, day: nil,
                missing: "no Atom feed of the \(settings.name) digest yet")
        }
        guard name.hasSuffix(".html") else { return nil }
        let stem = name.dropLast(5)
        if isDay(stem) {
            return day(String(stem), of: first, missing: "no digest for \(stem) yet")
        }
        if stem.hasSuffix("-latest") {
            guard let settings = namedEdition(stem.dropLast(7), in: editions) else { return nil }
            return latest(of: settings, missing: "no \(settings.name) digest yet")
        }
        if stem.count > 11, isDay(stem.suffix(10)), stem.dropLast(10).hasSuffix("-") {
            let day = String(stem.suffix(10))
            guard let settings = namedEdition(stem.dropLast(11), in: editions) else { return nil }
            return self.day(day, of: settings, missing: "no \(settings.name) digest for \(day) yet")
        }
        return nil
    }

    /// True for `YYYY-MM-DD`: ASCII digits only, month 01–12, day 01–31.
    static func isDay(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        var digits: [Int] = []
        for (index, byte) in bytes.enumerated() where index != 4 && index != 7 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return false }
            digits.append(Int(byte - UInt8(ascii: "0")))
        }
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        return (1...12).contains(month) && (1...31).contains(day)
    }

    private static func namedEdition(_ name: Substring, in editions: [DigestSettings]) -> DigestSettings? {
        editions.first { $0.namedFiles && $0.name == name }
    }

    private static func prefix(of settings: DigestSettings) -> String? {
        settings.namedFiles ? settings.name : nil
    }

    private static func latest(of settings: DigestSettings, missing: String) -> DigestPageTarget {
        DigestPageTarget(
            edition: settings.name, directory: settings.directory,
            fileName: DigestFiles.latestHTMLName(prefix: prefix(of: settings)), contentType: htmlType, day: nil,
            missing: missing)
    }

    private static func day(_ day: String, of settings: DigestSettings, missing: String) -> DigestPageTarget {
        DigestPageTarget(
            edition: settings.name, directory: settings.directory,
            fileName: DigestFiles.fileName(day: day, format: .html, prefix: prefix(of: settings)),
            contentType: htmlType, day: day, missing: missing)
    }
}
