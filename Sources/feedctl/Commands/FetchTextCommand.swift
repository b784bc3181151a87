internal import ArgumentParser
import FeedExtraction
import FeedFetching
import FeedHTML
import FeedModel

/// `feedctl fetch-text URL [--rule RULE] [--json]`: what full-text extraction finds in one page, for trying rules.
struct FetchTextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch-text",
        abstract: "Extract an article's text from a web page as full_text would.",
        discussion: """
            SOURCE is an http, https or file URL, a file path, or - for standard input. The page is fetched as \
            feedd fetches it, then its main content is extracted with RULE (default auto) and printed: title, \
            canonical URL, word count, paywall flag, then the text.
            """
    )

    @Option(name: .long, help: "auto, css:SELECTOR or xpath:EXPRESSION (default auto).")
    var rule = "auto"

    @Flag(name: .long, help: "Print one JSON object: url, title, canonical_url, words, paywall, html, text.")
    var json = false

    @Argument(help: "An http(s) or file URL, a file path, or - for standard input.")
    var source: String

    func run() throws {
        let rule: FullTextRule
        do {
            rule = try FullTextRule(self.rule)
        } catch {
            throw CommandError(
                error.reason.map { "--rule '\(self.rule)': \($0)" }
                    ?? "--rule '\(self.rule)' is not auto, css:SELECTOR or xpath:EXPRESSION")
        }
        guard rule != .off else {
            throw CommandError("--rule 'off' extracts nothing: use auto, css:SELECTOR or xpath:EXPRESSION")
        }
        let document: SourceDocument
        do {
            document = try FeedSource.open(source).document()
        } catch let error as FetchError where error.url == source {
            throw CommandError(error.description)
        } catch {
            throw CommandError("\(source): \(error)")
        }
        guard let page = HTMLPage(bytes: document.bytes, url: document.url, httpCharset: document.charset) else {
            throw CommandError("\(source): not an HTML page (empty)")
        }
        guard let content = ContentExtractor.extract(from: page, rule: rule) else {
            throw CommandError("\(source): no article text found with rule \(rule)")
        }
        if json {
            JSONWriter.printValue { writer in
                writer.beginObject()
                writer.field("url", document.url)
                writer.field("title", content.title)
                writer.field("canonical_url", content.canonicalURL)
                writer.field("words", content.wordCount)
                writer.key("paywall")
                writer.bool(content.isPaywallStub)
                writer.field("html", content.html)
                writer.field("text", content.text)
                writer.endObject()
            }
        } else {
            var output = ""
            output += "title: \(content.title ?? "-")\n"
            output += "canonical: \(content.canonicalURL ?? "-")\n"
            output += "words: \(content.wordCount)\n"
            output += "paywall: \(content.isPaywallStub ? "yes" : "no")\n\n"
            output += ParagraphText.paragraphs(ofHTML: content.html).joined(separator: "\n\n") + "\n"
            FileDescriptorOutput.standardOutput.write(output)
        }
    }
}
