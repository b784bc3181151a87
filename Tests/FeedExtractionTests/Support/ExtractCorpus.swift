import Foundation

/// The labelled pages of Benchmarks/ExtractCorpus (or another folder in its format, such as the held-out pages of
/// Benchmarks/ExtractHeldOut), as feedd-extract-bench reads them.
struct ExtractCorpus {
    struct Page: Decodable, CustomStringConvertible, Sendable {
        var page: String
        var url: String
        var rule: String
        var paywall: Bool?
        var canonical: String?
        /// The folder the page is in; set when the manifest is read.
        var directory = ExtractCorpus.directory

        var description: String { page }

        var bytes: [UInt8] {
            Array(FileManager.default.contents(atPath: directory + "/" + page) ?? Data())
        }

        var truth: String {
            let path = directory + "/" + page.replacingOccurrences(of: ".html", with: ".txt")
            return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }

        private enum CodingKeys: String, CodingKey {
            case page, url, rule, paywall, canonical
        }
    }

    private struct Manifest: Decodable {
        var pages: [Page]
    }

    static let benchmarks = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Benchmarks").path
    static let directory = benchmarks + "/ExtractCorpus"

    static let pages: [Page] = pages(in: directory)
    /// The pages written after the scorer, by someone who had not read it.
    static let heldOutPages: [Page] = pages(in: benchmarks + "/ExtractHeldOut")

    private static func pages(in directory: String) -> [Page] {
        guard let data = FileManager.default.contents(atPath: directory + "/manifest.json"),
            let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
        else { return [] }
        return manifest.pages.map {
            var page = $0
            page.directory = directory
            return page
        }
    }
}
