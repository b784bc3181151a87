extension DigestRenderer {
    /// The column plain-text digests wrap at, as mail expects.
    static let textWidth = 72

    /// Renders `digest` as plain text for mail: underlined headings, entries wrapped at 72 columns.
    ///
    /// Links are printed as bare http(s) URLs on their own line so mail clients make them clickable.
    public static func text(_ digest: DigestDocument) -> String {
        var out = DigestOutput(capacity: estimatedSize(digest))
        out.appendWrapped(digest.title, width: textWidth, indent: "")
        out.appendWrapped(digest.periodText, width: textWidth, indent: "")
        // What follows, before any of it: the contents, feed health in a line, and what was left out.
        if !digest.isEmpty {
            out.appendWrapped(digest.contentsText, width: textWidth, indent: "")
        }
        if let health = digest.healthSummary.text {
            out.appendWrapped(health, width: textWidth, indent: "")
        }
        if let leftOut = digest.leftOutText {
            out.appendWrapped(leftOut, width: textWidth, indent: "")
        }
        if digest.isEmpty {
            out.append("\n")
            out.appendWrapped(digest.nothingNewText, width: textWidth, indent: "")
        }
        for group in digest.groups {
            if let heading = group.heading {
                out.append("\n\n")
                appendUnderlined(heading.uppercased(), with: "=", to: &out)
            }
            for feed in group.feeds {
                out.append("\n")
                appendUnderlined(feed.feedTitle, with: "-", to: &out)
                for entry in feed.entries {
                    out.append("\n")
                    out.appendWrapped(entry.title, width: textWidth, indent: "  ", firstIndent: "* ")
                    out.append("  ")
                    out.append(entry.dateText)
                    out.append("\n")
                    if let url = WebURL.checked(entry.url) {
                        out.append("  ")
                        out.append(url)
                        out.append("\n")
                    }
                    if !entry.summary.isEmpty {
                        out.appendWrapped(entry.summary, width: textWidth, indent: "  ")
                    }
                    if let alsoIn = entry.alsoInText {
                        out.appendWrapped(alsoIn, width: textWidth, indent: "  ")
                    }
                }
                if let more = feed.moreText {
                    out.append("\n  ")
                    out.append(more)
                    out.append("\n")
                }
            }
        }
        if !digest.health.isEmpty {
            out.append("\n\n")
            appendUnderlined("FEED HEALTH", with: "=", to: &out)
            for note in digest.health {
                out.append("\n")
                out.appendWrapped(note.feedTitle + ": " + note.text, width: textWidth, indent: "  ", firstIndent: "* ")
                out.appendWrapped(note.url, width: textWidth, indent: "  ")
            }
        }
        out.append("\n-- \n")
        out.appendWrapped("Generated \(digest.generatedText) by feedd.", width: textWidth, indent: "")
        return out.string
    }

    private static func appendUnderlined(_ heading: String, with mark: String, to out: inout DigestOutput) {
        out.appendWrapped(heading, width: textWidth, indent: "")
        let width = min(textWidth, max(3, heading.unicodeScalars.count))
        out.append(String(repeating: mark, count: width))
        out.append("\n")
    }
}
