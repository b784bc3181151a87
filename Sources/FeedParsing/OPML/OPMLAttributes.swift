/// The attributes of an OPML start tag as libxml2's SAX2 passes them: five pointers per attribute (local name,
/// prefix, URI, value start, value end). Valid only during the callback.
struct OPMLAttributes {
    /// The attribute values an `<outline>` may carry, cleaned (see `OPMLText.clean`).
    struct OutlineValues {
        var xmlURL: String?
        var htmlURL: String?
        var title: String?
        var text: String?
        var category: String?
        var type: String?
    }

    let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let count: Int

    /// Reads the outline attributes, matching names without namespace and ignoring ASCII case (`xmlUrl`, `xmlurl`
    /// and `XMLURL` all occur in the wild). The first of repeated names wins.
    func outlineValues() -> OutlineValues {
        var values = OutlineValues()
        guard let base else { return values }
        for index in 0..<count {
            let slot = base + index * 5
            guard let name = slot[0], slot[2] == nil, let start = slot[3], let end = slot[4] else { continue }
            let raw = UnsafeBufferPointer(start: start, count: end - start)
            func value() -> String { OPMLText.clean(raw, decodingAmpersandMarker: true) }
            if OPMLText.nameEquals(name, "xmlurl") {
                if values.xmlURL == nil { values.xmlURL = value() }
            } else if OPMLText.nameEquals(name, "htmlurl") {
                if values.htmlURL == nil { values.htmlURL = value() }
            } else if OPMLText.nameEquals(name, "title") {
                if values.title == nil { values.title = value() }
            } else if OPMLText.nameEquals(name, "text") {
                if values.text == nil { values.text = value() }
            } else if OPMLText.nameEquals(name, "category") {
                if values.category == nil { values.category = value() }
            } else if OPMLText.nameEquals(name, "type") {
                if values.type == nil { values.type = value() }
            }
        }
        if values.title?.isEmpty == true { values.title = nil }
        if values.text?.isEmpty == true { values.text = nil }
        return values
    }
}
