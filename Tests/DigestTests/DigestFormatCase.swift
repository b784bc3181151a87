import Testing

@testable import Digest

/// A digest format, with how its contents line reads.
enum DigestFormatCase: CaseIterable, Sendable, CustomTestStringConvertible {
    case text, markdown, html

    func render(_ digest: DigestDocument) -> String {
        switch self {
        case .text: DigestRenderer.text(digest)
        case .markdown: DigestRenderer.markdown(digest)
        case .html: DigestRenderer.html(digest)
        }
    }

    /// The start of the contents line as the format writes it.
    var contents: String {
        switch self {
        case .text, .markdown: "7 stories: News 5 · Tech 1 · Other 1"
        case .html: "7 stories: <a href=\"#group-1\">News 5</a> · "
        }
    }

    /// The heading of the health details.
    var healthHeading: String { self == .text ? "FEED HEALTH" : "Feed health" }

    var testDescription: String { "\(self)" }
}
