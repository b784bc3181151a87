/// The attributes of a start tag, as libxml2's SAX2 passes them: five pointers per attribute
/// (local name, prefix, URI, value start, value end). Valid only during the callback.
struct XMLAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let count: Int
    /// The tag's namespace declarations, two pointers each (prefix, nil for the default namespace; URI).
    let namespaces: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let namespaceCount: Int

    init(
        base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, count: Int,
        namespaces: UnsafeMutablePointer<UnsafePointer<UInt8>?>? = nil, namespaceCount: Int = 0
    ) {
        self.base = base
        self.count = count
        self.namespaces = namespaces
        self.namespaceCount = namespaceCount
    }

    /// The URI this tag declares as its default namespace (`xmlns="…"`), if it declares one.
    var declaredDefaultNamespace: String? {
        guard let namespaces else { return nil }
        for index in 0..<namespaceCount where namespaces[index * 2] == nil {
            return namespaces[index * 2 + 1].map { String(cString: $0) } ?? ""
        }
        return nil
    }

    /// The value of the attribute `localName` in namespace `namespaceURI` (nil: no namespace).
    func value(_ localName: StaticString, namespace namespaceURI: StaticString? = nil) -> String? {
        guard let base else { return nil }
        for index in 0..<count {
            let slot = base + index * 5
            guard let name = slot[0], equals(name, localName) else { continue }
            if let namespaceURI {
                guard let uri = slot[2], equals(uri, namespaceURI) else { continue }
            } else if slot[2] != nil {
                continue
            }
            guard let start = slot[3], let end = slot[4] else { return "" }
            return Self.decodeValue(UnsafeBufferPointer(start: start, count: end - start))
        }
        return nil
    }

    /// Calls `body` with every attribute's local name, prefix, URI and raw value bytes.
    func forEach(
        _ body: (UnsafePointer<UInt8>, UnsafePointer<UInt8>?, UnsafePointer<UInt8>?, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        guard let base else { return }
        for index in 0..<count {
            let slot = base + index * 5
            guard let name = slot[0], let start = slot[3], let end = slot[4] else { continue }
            body(name, slot[1], slot[2], UnsafeBufferPointer(start: start, count: end - start))
        }
    }

    /// libxml2 without entity substitution leaves `&` (from `&amp;` or `&#38;`) as the text `&#38;` in attribute
    /// values, so that a tree builder can tell it from an entity reference. We build no tree: turn it back.
    static func decodeValue(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        let marker: [UInt8] = Array("&#38;".utf8)
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            if raw[index] == UInt8(ascii: "&"), index + 5 <= raw.count,
                raw[index..<index + 5].elementsEqual(marker)
            {
                out.append(UInt8(ascii: "&"))
                index += 5
            } else {
                out.append(raw[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Compares a NUL-terminated C string with a static ASCII string.
@inline(__always)
func equals(_ cString: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    let bytes = literal.utf8Start
    for index in 0..<count where cString[index] != bytes[index] {
        return false
    }
    return cString[count] == 0
}
