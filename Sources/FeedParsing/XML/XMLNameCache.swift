/// Maps the pointers libxml2 hands out to what they mean.
///
/// libxml2 interns names and namespace URIs in the parser's dictionary, so within one parse the same name always
/// arrives at the same address: classify each address once and remember it.
struct XMLNameCache {
    private var namespaces: [UnsafeRawPointer: FeedNamespace] = [:]
    private var names: [UnsafeRawPointer: String] = [:]

    mutating func namespace(_ uri: UnsafePointer<UInt8>?) -> FeedNamespace {
        guard let uri else { return .none }
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
