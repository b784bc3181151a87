/// Maps the pointers libxml2 hands out to what they mean.
///
/// libxml2 interns names and namespace URIs in the parser's dictionary, so within one parse the same name always
/// arrives at the same address: classify each address once and remember it.
struct XMLNameCache {
    private var namespaces: [UnsafeRawPointer: FeedNamespace] = [:]
    private var names: [UnsafeRawPointer: String] = [:]

    private var prefixes: [UnsafeRawPointer: FeedNamespace] = [:]

    /// The namespace of an element name.
    mutating func namespace(of name: XMLName) -> FeedNamespace {
        guard let uri = name.namespaceURI else {
            // No URI but a prefix: the feed used a prefix it never declared (`<content:encoded>` without
            // xmlns:content happens a lot). libxml2 reports it; read the well-known prefixes for what they always mean.
            guard let prefix = name.prefix else { return .none }
            let key = UnsafeRawPointer(prefix)
            if let known = prefixes[key] { return known }
            let namespace = FeedNamespace(undeclaredPrefix: String(cString: prefix))
            prefixes[key] = namespace
            return namespace
        }
        let key = UnsafeRawPointer(uri)
        if let known = namespaces[key] { return known }
        let namespace = FeedNamespace(uri: String(cString: uri))
        namespaces[key] = namespace
        return namespace
    }

    mutating func localName(_ name: UnsafePointer<UInt8>) -> String {
        let key = UnsafeRawPointer(name)
        if let known = names[key] { return known }
        let string = String(cString: name)
        names[key] = string
        return string
    }
}
