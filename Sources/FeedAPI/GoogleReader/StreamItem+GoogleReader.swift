import FeedStore

/// What Google Reader's item JSON and Atom entries say of an item, in their units.
extension StreamItem {
    /// The item's state and labels as stream ids: reading list, read, starred, feed and article labels,
    /// highlights.
    var googleReaderCategories: [String] {
        var categories = [StreamID.readingList.text]
        if isRead {
            categories.append(StreamID.read.text)
        }
        if isStarred {
            categories.append(StreamID.starred.text)
        }
        var labels = Set<String>()
        for label in feedTags + tags where labels.insert(label).inserted {
            categories.append(StreamID.label(label).text)
        }
        if isHighlighted {
            categories.append(StreamID.highlights.text)
        }
        return categories
    }

    /// When feedd first stored it, in milliseconds (`crawlTimeMsec`).
    var crawlTimeMilliseconds: Int64 {
        Int64((firstSeen.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Its sort time in microseconds (`timestampUsec`).
    var timestampMicroseconds: Int64 {
        Int64((sortAt * 1_000_000).rounded())
    }

    /// Publication time in seconds; undated items give their sort time.
    var publishedSeconds: Int {
        Int((published?.timeIntervalSince1970 ?? sortAt).rounded(.down))
    }

    /// Last update in seconds; items never updated give their publication time.
    var updatedSeconds: Int {
        Int((updated?.timeIntervalSince1970 ?? published?.timeIntervalSince1970 ?? sortAt).rounded(.down))
    }

    /// The authors' names, comma-separated, or nil when none is known.
    var authorNames: String? {
        let names = authors.compactMap(\.name).filter { !$0.isEmpty }
        return names.isEmpty ? nil : names.joined(separator: ", ")
    }

    /// The article's page: its link, else its canonical URL.
    var pageURL: String? { link ?? canonicalURL }

    /// The text to show: the content, else the summary, else nothing.
    var bodyHTML: String { contentHTML ?? summary ?? "" }
}
