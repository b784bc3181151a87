extension DigestRenderer {
    /// Renders `digest` as Markdown (CommonMark): headings for tags and feeds, one list item per entry.
    ///
    /// Feed-supplied text is backslash-escaped so titles cannot start markup, links or raw HTML; only http(s)
    /// URLs become links.
    public static func markdown(_ digest: DigestDocument) -> String {
        var out = DigestOutput(capacity: estimatedSize(digest))
        out.append("# ")
        out.appendMarkdown(digest.title, atLineStart: false)
        out.append("\n\n")
        // What follows, before any of it: the contents, feed health in a line, and what was left out.
        var header = [digest.periodText]
        if !digest.isEmpty { header.append(digest.contentsText) }
        if let health = digest.healthSummary.text { header.append(health) }
        if let leftOut = digest.leftOutText { header.append(leftOut) }
        for (index, line) in header.enumerated() {
            out.appendMarkdown(line, atLineStart: true)
            out.append(index == header.count - 1 ? "\n" : "  \n")
        }
        if digest.isEmpty {
            out.append("\n")
            out.appendMarkdown(digest.nothingNewText, atLineStart: true)
            out.append("\n")
        }
        for group in digest.groups {
            let feedLevel: String
            if let heading = group.heading {
                out.append("\n## ")
                out.appendMarkdown(heading, atLineStart: false)
                out.append("\n")
                feedLevel = "###"
            } else {
                feedLevel = "##"
            }
            for feed in group.feeds {
                out.append("\n\(feedLevel) ")
                out.appendMarkdown(feed.feedTitle, atLineStart: false)
                out.append("\n\n")
                for entry in feed.entries {
                    appendMarkdownEntry(entry, to: &out)
                }
                if let more = feed.moreText {
                    out.append("- *")
                    out.appendMarkdown(more, atLineStart: false)
                    out.append("*\n")
                }
            }
        }
        if !digest.health.isEmpty {
            out.append("\n## Feed health\n\n")
            for note in digest.health {
                out.append("- **")
                out.appendMarkdown(note.feedTitle, atLineStart: false)
                out.append("**: ")
                out.appendMarkdown(note.text, atLineStart: false)
                out.append("  \n  ")
                out.appendMarkdown(note.url, atLineStart: true)
                out.append("\n")
            }
        }
        out.append("\n*Generated ")
        out.appendMarkdown(digest.generatedText, atLineStart: false)
        out.append(" by feedd.*\n")
        return out.string
    }

    private static func appendMarkdownEntry(_ entry: DigestEntry, to out: inout DigestOutput) {
        out.append("- **")
        if let url = WebURL.checked(entry.url) {
            out.append("[")
            out.appendMarkdown(entry.title, atLineStart: false)
            out.append("](")
            out.appendMarkdownURL(url)
            out.append(")")
        } else {
            out.appendMarkdown(entry.title, atLineStart: false)
        }
        out.append("** · ")
        out.appendMarkdown(entry.dateText, atLineStart: false)
        if !entry.summary.isEmpty {
            out.append("  \n  ")
            out.appendMarkdown(entry.summary, atLineStart: true)
        }
        if let alsoIn = entry.alsoInText {
            out.append("  \n  *")
            out.appendMarkdown(alsoIn, atLineStart: false)
            out.append("*")
        }
        out.append("\n")
    }
}
