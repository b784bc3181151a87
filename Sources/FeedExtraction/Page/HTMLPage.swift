internal import CLibXML2
import FeedHTML

/// One web page parsed into libxml2's HTML tree, for extracting an article or a page's items.
///
/// The page is hostile input: libxml2 parses it without network access, without entity expansion beyond HTML's
/// own, and within its default limits on depth and text size (no `HTML_PARSE_HUGE`); the caller caps the bytes.
/// One page belongs to one thread at a time: it owns its tree and frees it in `deinit`.
public final class HTMLPage {
    /// The tree; never nil once `init` succeeded.
    let document: htmlDocPtr
    /// The page's address, against which its relative URLs resolve (its `<base href>` when it has one).
    public let url: String

    /// Parses `bytes`, fetched from `url`; nil when libxml2 cannot make a tree of them at all (empty input).
    ///
    /// The charset is the HTTP header's when given, else the page's byte-order mark or `<meta charset>` within its
    /// first 1,024 bytes, else UTF-8 (libxml2 alone would guess ISO-8859-1, which mangles most of today's pages).
    public init?(bytes: [UInt8], url: String, httpCharset: String? = nil) {
        LibXML2.initialized
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else {
            return nil
        }
        let encoding = Self.encoding(of: bytes, httpCharset: httpCharset)
        let options = Int32(
            bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), url, encoding, options)
            }
        }
        guard let parsed else {
            return nil
        }
        document = parsed
        self.url = Self.baseURL(of: parsed, pageURL: url)
    }

    deinit {
        xmlFreeDoc(document)
    }

    /// The encoding name handed to libxml2, or nil to let it read a byte-order mark.
    static func encoding(of bytes: [UInt8], httpCharset: String?) -> String? {
        if let httpCharset, !httpCharset.isEmpty {
            return httpCharset
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFE, 0xFF])
            || bytes.starts(with: [0xFF, 0xFE])
        {
            return nil
        }
        return declaredCharset(in: bytes.prefix(1024)) ?? "UTF-8"
    }

    /// The `charset=` value of the page's head, lower-cased ASCII, when it names one.
    static func declaredCharset(in head: ArraySlice<UInt8>) -> String? {
        let lowered = head.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let key = Array("charset=".utf8)
        guard lowered.count > key.count,
            let start = (0...(lowered.count - key.count)).first(where: {
                lowered[$0..<($0 + key.count)].elementsEqual(key)
            })
        else {
            return nil
        }
        var value = lowered[(start + key.count)...].drop { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
        value = value.prefix { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
        }
        return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
    }

    /// The first `<base href>` resolved against the page's URL, or the page's URL.
    private static func baseURL(of document: htmlDocPtr, pageURL: String) -> String {
        guard let base = xmlNodeGetBase(document, xmlDocGetRootElement(document)) else {
            return pageURL
        }
        defer { cxml_free(base) }
        let href = String(cString: base)
        return URLResolver.resolve(href, against: pageURL) ?? pageURL
    }
}
