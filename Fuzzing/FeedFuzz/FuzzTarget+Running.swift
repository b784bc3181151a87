import FeedConfig
import FeedExtraction
import FeedModel
import FeedParsing
import Foundation

extension FuzzTarget {
    /// The URL relative links are resolved against, so the sanitizer keeps (and the check sees) resolved URLs.
    private static let documentURL = "https://fuzz.example/feed/"

    /// Runs the target's parser on `bytes`; a thrown parse error is a fine answer to hostile input, so only output
    /// that breaks a promise is a finding (crashes and hangs are caught around the call).
    func run(_ bytes: [UInt8]) -> FuzzFinding? {
        switch self {
        case .feed:
            if let document = try? FeedParser.parse(bytes, options: FeedParserOptions(documentURL: Self.documentURL)),
                let finding = Self.unsafeHTML(in: document)
            {
                return finding
            }
            return Self.parseInChunks(bytes)
        case .html:
            let feed = Self.jsonFeed(contentHTML: String(decoding: bytes, as: UTF8.self))
            do {
                let document = try FeedParser.parse(feed, options: FeedParserOptions(documentURL: Self.documentURL))
                return Self.unsafeHTML(in: document)
            } catch {
                // The wrapper is well-formed JSON whatever the HTML, so refusing it is a JSON parser bug: die, and
                // the runner records the input as a crash with this message on stderr.
                preconditionFailure("the JSON Feed wrapping the HTML was refused: \(error)")
            }
        case .opml:
            _ = try? OPMLReader.parse(bytes, fileName: "fuzz.opml")
            return nil
        case .config:
            _ = try? FeedConfiguration.parse(
                text: String(decoding: bytes, as: UTF8.self), fileName: "fuzz.toml", baseDirectory: "/nonexistent/fuzz",
                stateDirectory: "/nonexistent/fuzz/state")
            return nil
        case .page:
            return Self.readPage(bytes)
        }
    }

    /// The rules a fuzzed page is read with: a CSS item selector and relative XPath fields, as owners write them.
    private static let pageRules: HTMLItemRules? = try? HTMLItemRules(
        HTMLItemSelectors(
            item: "css:article, li", title: ".//h2", link: ".//a/@href", date: "css:time::attr(datetime)",
            summary: ".//p"))

    /// Reads `bytes` as a full-text page (auto, and a rule) and as a page of items; unsafe output is a finding.
    private static func readPage(_ bytes: [UInt8]) -> FuzzFinding? {
        if let page = HTMLPage(bytes: bytes, url: documentURL) {
            for rule in [FullTextRule.auto, try? FullTextRule("css:article")].compactMap({ $0 }) {
                if let extracted = ContentExtractor.extract(from: page, rule: rule),
                    let problem = SanitizedHTMLChecker.firstProblem(in: extracted.html)
                {
                    return FuzzFinding(check: .unsafeOutput, detail: "full text (\(rule)): \(problem)")
                }
            }
        }
        guard let rules = pageRules,
            let document = try? HTMLPageFeed.document(from: bytes, url: documentURL, httpCharset: nil, rules: rules)
        else {
            return nil
        }
        return unsafeHTML(in: document)
    }

    /// Parses `bytes` as the daemon receives a download, in pieces (of a size that varies with the input, so that
    /// chunk boundaries fall inside encodings, entities and tags), finishing entries on worker threads for every
    /// other input as `feedctl parse` does.
    private static func parseInChunks(_ bytes: [UInt8]) -> FuzzFinding? {
        var options = FeedParserOptions(documentURL: documentURL)
        options.finishesEntriesInParallel = bytes.count % 2 == 0
        // onEntry is called in order and never concurrently (FeedParserOptions), even from worker threads.
        var entries: [Entry] = []
        let stream = FeedParseStream(options: options) { entries.append($0) }
        let chunkSize = 1 + bytes.count % 509
        guard
            var document = try? bytes.withUnsafeBytes({ buffer -> FeedDocument in
                var offset = 0
                while offset < buffer.count {
                    let end = min(buffer.count, offset + chunkSize)
                    try stream.write(UnsafeRawBufferPointer(rebasing: buffer[offset..<end]))
                    offset = end
                }
                return try stream.finish()
            })
        else { return nil }
        document.entries = entries
        return unsafeHTML(in: document)
    }

    /// The first unsafe thing in the document's sanitized HTML fields (subtitle, summaries, contents).
    private static func unsafeHTML(in document: FeedDocument) -> FuzzFinding? {
        var fields: [(String, String?)] = [("feed subtitle", document.subtitle)]
        for (index, entry) in document.entries.enumerated() {
            fields.append(("entry \(index) summary", entry.summary))
            fields.append(("entry \(index) content", entry.content))
        }
        for case (let name, let html?) in fields {
            if let problem = SanitizedHTMLChecker.firstProblem(in: html) {
                return FuzzFinding(check: .unsafeOutput, detail: "\(name): \(problem)")
            }
        }
        return nil
    }

    /// A one-item JSON Feed whose `content_html` is `html`: the path a feed's HTML takes to the sanitizer.
    private static func jsonFeed(contentHTML html: String) -> [UInt8] {
        var json = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"fuzz\",\"items\":[{\"id\":\"1\","
        json += "\"content_html\":\""
        for scalar in html.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case _ where scalar.value < 0x20:
                json +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: json.unicodeScalars.append(scalar)
            }
        }
        json += "\"}]}"
        return Array(json.utf8)
    }
}
