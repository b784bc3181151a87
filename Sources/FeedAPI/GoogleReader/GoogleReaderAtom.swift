import FeedHTML
import FeedStore
import Foundation

/// Writes a stream page as Google Reader's Atom (`/reader/atom/STREAM`), which newsboat's feedhq source reads.
///
/// Entry ids are the long item ids, which newsboat sends back to `edit-tag` as they are; states and labels are
/// `<category>` elements in Google's scheme; `<gr:continuation>` says where the next page starts.
enum GoogleReaderAtom {
    static let scheme = "http://www.google.com/reader/"

    static func feed(
        stream: String, title: String, items: [StreamItem], continuation: String?, selfURL: String, now: Date
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096 + items.count * 2048)
        out += Array(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:gr="http://www.google.com/schemas/reader/atom/" \
            xmlns:idx="urn:atom-extension:indexing" idx:index="no">

            """.utf8)
        element("id", "tag:google.com,2005:reader/" + stream, into: &out)
        element("title", title, into: &out)
        out += Array("<link rel=\"self\" href=\"".utf8)
        HTMLEscaping.appendEscapedDocumentText(selfURL, to: &out)
        out += Array("\"/>\n".utf8)
        if let continuation {
            element("gr:continuation", continuation, into: &out)
        }
        element("updated", timestamp(now.timeIntervalSince1970), into: &out)
        for item in items {
            entry(item, into: &out)
        }
        out += Array("</feed>\n".utf8)
        return out
    }

    private static func entry(_ item: StreamItem, into out: inout [UInt8]) {
        out += Array("<entry gr:crawl-timestamp-msec=\"\(item.crawlTimeMilliseconds)\">\n".utf8)
        out += Array("<id gr:original-id=\"".utf8)
        HTMLEscaping.appendEscapedDocumentText(item.guid, to: &out)
        out += Array("\">\(ItemID.long(item.id))</id>\n".utf8)
        for category in item.googleReaderCategories {
            let label =
                category.hasPrefix("user/-/label/")
                ? String(category.dropFirst("user/-/label/".count))
                : String(category.split(separator: "/").last ?? "")
            out += Array("<category term=\"".utf8)
            HTMLEscaping.appendEscapedDocumentText(category, to: &out)
            out += Array("\" scheme=\"\(scheme)\" label=\"".utf8)
            HTMLEscaping.appendEscapedDocumentText(label, to: &out)
            out += Array("\"/>\n".utf8)
        }
        // The store's titles are plain text: Atom's default type, escaped once.
        out += Array("<title>".utf8)
        HTMLEscaping.appendEscapedDocumentText(item.title ?? "", to: &out)
        out += Array("</title>\n".utf8)
        element("published", timestamp(Double(item.publishedSeconds)), into: &out)
        element("updated", timestamp(Double(item.updatedSeconds)), into: &out)
        if let page = item.pageURL {
            out += Array("<link rel=\"alternate\" href=\"".utf8)
            HTMLEscaping.appendEscapedDocumentText(page, to: &out)
            out += Array("\" type=\"text/html\"/>\n".utf8)
        }
        // Google wrote the full text as content and a teaser as summary.
        let body = item.contentHTML ?? item.summary ?? ""
        let tag = item.contentHTML == nil ? "summary" : "content"
        out += Array("<\(tag) type=\"html\">".utf8)
        HTMLEscaping.appendEscapedDocumentText(body, to: &out)
        out += Array("</\(tag)>\n".utf8)
        out += Array("<author><name>".utf8)
        HTMLEscaping.appendEscapedDocumentText(item.authorNames ?? "", to: &out)
        out += Array("</name></author>\n".utf8)
        out += Array("<source gr:stream-id=\"feed/\(item.feedID)\">".utf8)
        element("id", "tag:google.com,2005:reader/feed/\(item.feedID)", into: &out)
        out += Array("<title>".utf8)
        HTMLEscaping.appendEscapedDocumentText(item.feedTitle, to: &out)
        out += Array("</title>".utf8)
        out += Array("<link rel=\"alternate\" href=\"".utf8)
        HTMLEscaping.appendEscapedDocumentText(item.siteLink ?? item.feedURL, to: &out)
        out += Array("\" type=\"text/html\"/></source>\n</entry>\n".utf8)
    }

    private static func element(_ name: String, _ text: String, into out: inout [UInt8]) {
        out += Array("<\(name)>".utf8)
        HTMLEscaping.appendEscapedDocumentText(text, to: &out)
        out += Array("</\(name)>\n".utf8)
    }

    /// RFC 3339 in UTC, to the second.
    static func timestamp(_ seconds: Double) -> String {
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
