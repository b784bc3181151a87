import FeedModel
import Foundation

/// Writes OPML 2.0 subscription lists (`feedctl export`).
///
/// Each feed becomes `<outline type="rss" text=… title=… xmlUrl=… htmlUrl=…/>`; `text` is the title, or the URL when
/// there is none (OPML requires `text`; `OPMLReader` drops a title that repeats the URL). A feed with tags goes inside
/// a folder outline named after its first tag; feeds sharing a first tag are grouped where the first of them stands,
/// otherwise document order is kept. Further tags go into `category` as `/Tag` paths, comma-separated; a tag that
/// itself contains `/` is written without the leading slash (so it reads back whole), and a `,` in a tag becomes a
/// space. Values are escaped so that the output is always well-formed: `& < > "` as entities, tab/CR/LF as character
/// references, and other characters XML 1.0 forbids or discourages (C0/C1 controls, DEL, U+FFFE, U+FFFF) dropped.
public enum OPMLWriter {
    /// The document as UTF-8 OPML 2.0; `dateCreated` goes into `<head>` in RFC 822 form (GMT).
    public static func write(_ document: OPMLDocument, dateCreated: Date) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + document.subscriptions.count * 200)
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n".utf8
        if let title = document.title {
            out += "    <title>".utf8
            appendEscaped(title, to: &out)
            out += "</title>\n".utf8
        }
        out += "    <dateCreated>".utf8
        out += Timestamp.rfc822(dateCreated).utf8
        out += "</dateCreated>\n  </head>\n  <body>\n".utf8
        let (items, folders) = layout(document.subscriptions)
        for item in items {
            switch item {
            case .feed(let subscription):
                appendFeed(subscription, indent: 4, to: &out)
            case .folder(let index):
                out += "    <outline text=\"".utf8
                appendEscaped(folders[index].name, to: &out)
                out += "\">\n".utf8
                for subscription in folders[index].members {
                    appendFeed(subscription, indent: 6, to: &out)
                }
                out += "    </outline>\n".utf8
            }
        }
        out += "  </body>\n</opml>\n".utf8
        return out
    }

    /// A top-level outline: an untagged feed, or the folder at an index of `layout`'s folder list.
    private enum Item {
        case feed(OPMLSubscription)
        case folder(Int)
    }

    /// Groups feeds by first tag, each group where its first feed stands.
    private static func layout(
        _ subscriptions: [OPMLSubscription]
    ) -> (items: [Item], folders: [(name: String, members: [OPMLSubscription])]) {
        var items: [Item] = []
        var folders: [(name: String, members: [OPMLSubscription])] = []
        var folderIndex: [String: Int] = [:]
        for subscription in subscriptions {
            guard let first = usableTags(subscription).first else {
                items.append(.feed(subscription))
                continue
            }
            if let index = folderIndex[first] {
                folders[index].members.append(subscription)
            } else {
                folderIndex[first] = folders.count
                items.append(.folder(folders.count))
                folders.append((first, [subscription]))
            }
        }
        return (items, folders)
    }

    /// The tags worth writing: those with something besides whitespace.
    private static func usableTags(_ subscription: OPMLSubscription) -> [String] {
        subscription.tags.filter { $0.unicodeScalars.contains { !$0.properties.isWhitespace } }
    }

    /// Appends one feed outline; tags after the first (which names the enclosing folder) go into `category`.
    private static func appendFeed(_ subscription: OPMLSubscription, indent: Int, to out: inout [UInt8]) {
        out += repeatElement(UInt8(ascii: " "), count: indent)
        out += "<outline type=\"rss\" text=\"".utf8
        appendEscaped(subscription.title ?? subscription.url, to: &out)
        if let title = subscription.title {
            out += "\" title=\"".utf8
            appendEscaped(title, to: &out)
        }
        out += "\" xmlUrl=\"".utf8
        appendEscaped(subscription.url, to: &out)
        if let siteURL = subscription.siteURL {
            out += "\" htmlUrl=\"".utf8
            appendEscaped(siteURL, to: &out)
        }
        let categories = usableTags(subscription).dropFirst()
        if !categories.isEmpty {
            out += "\" category=\"".utf8
            let paths = categories.map { tag -> String in
                let tag = tag.split(separator: ",", omittingEmptySubsequences: false).joined(separator: " ")
                return tag.contains("/") ? tag : "/" + tag
            }
            appendEscaped(paths.joined(separator: ","), to: &out)
        }
        out += "\"/>\n".utf8
    }

    /// Appends `text` escaped for an attribute value or element content (the same rules serve both).
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped($0, to: &out) }
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var index = 0
        var runStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            let replacement: StaticString?
            var skip = 1
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            // Kept as references: a literal tab or newline in an attribute value would be normalised to a space.
            case 0x09: replacement = "&#9;"
            case 0x0A: replacement = "&#10;"
            case 0x0D: replacement = "&#13;"
            case 0x00..<0x20, 0x7F: replacement = ""
            case 0xC2 where index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]):
                replacement = ""
                skip = 2
            case 0xEF
            where index + 2 < bytes.count && bytes[index + 1] == 0xBF && (bytes[index + 2] & 0xFE) == 0xBE:
                replacement = ""  // U+FFFE, U+FFFF
                skip = 3
            default: replacement = nil
            }
            if let replacement {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                out.append(
                    contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                index += skip
                runStart = index
            } else {
                index += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }
}
