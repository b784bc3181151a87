import Foundation

/// The labelled pages of Benchmarks/ExtractCorpus, as feedd-extract-bench reads them.
struct ExtractCorpus {
    struct Page: Decodable, CustomStringConvertible, Sendable {
        var page: String
        var url: String
        var rule: String
        var paywall: Bool?
        var canonical: String?

        var description: String { page }

        var bytes: [UInt8] {
            Array(FileManager.default.contents(atPath: ExtractCorpus.directory + "/" + page) ?? Data())
        }

        var truth: String {
            let path = ExtractCorpus.directory + "/" + page.replacingOccurrences(of: ".html", with: ".txt")
            return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }
    }

    private struct Manifest: Decodable {
        var pages: [Page]
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Benchmarks/ExtractCorpus").path

    static let pages: [Page] = {
        guard let data = FileManager.default.contents(atPath: directory + "/manifest.json"),
            let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
        else { return [] }
        return manifest.pages
    }()
}
