/// The JSON shapes of the model's small value types, shared by every printer and by the store.
extension JSONWriter {
    /// `[{"name", "email", "uri"}, …]`
    public mutating func authors(_ authors: [Author]) {
        beginArray()
        for author in authors {
            beginObject()
            field("name", author.name)
            field("email", author.email)
            field("uri", author.uri)
            endObject()
        }
        endArray()
    }

    /// `[{"url", "type", "length", "duration"}, …]`
    public mutating func enclosures(_ enclosures: [Enclosure]) {
        beginArray()
        for enclosure in enclosures {
            beginObject()
            field("url", enclosure.url)
            field("type", enclosure.type)
            field("length", enclosure.length)
            field("duration", enclosure.duration)
            endObject()
        }
        endArray()
    }

    /// `[string, …]`
    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    public mutating func field(_ name: StaticString, authors values: [Author]) {
        key(name)
        authors(values)
    }

    public mutating func field(_ name: StaticString, enclosures values: [Enclosure]) {
        key(name)
        enclosures(values)
    }

    /// One value on its own, as text: how the store keeps lists in a column.
    public static func text(_ write: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter(capacity: 64)
        write(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
