import Foundation
import Testing

@testable import FeedModel

@Suite struct JSONWriterTests {
    @Test func writesCompactValidJSON() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("text", "quote \" backslash \\ newline \n tab \t bell \u{07} snow ☃ 🚀")
        writer.field("missing", nil as String?)
        writer.field("count", 42)
        writer.key("flag")
        writer.bool(true)
        writer.field("list", strings: ["a", "b"])
        writer.key("empty")
        writer.beginArray()
        writer.endArray()
        writer.key("nested")
        writer.beginArray()
        writer.beginObject()
        writer.field("x", 1)
        writer.endObject()
        writer.beginObject()
        writer.endObject()
        writer.endArray()
        writer.endObject()
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(!text.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any])
        #expect(object["text"] as? String == "quote \" backslash \\ newline \n tab \t bell \u{07} snow ☃ 🚀")
        #expect(object["missing"] is NSNull)
        #expect(object["count"] as? Int == 42)
        #expect(object["flag"] as? Bool == true)
        #expect(object["list"] as? [String] == ["a", "b"])
        #expect((object["nested"] as? [Any])?.count == 2)
        #expect(text.contains("\\u0007"))
    }
}

extension JSONWriterTests {
    /// The escaper skips eight bytes at a time: put each special character at every offset around a word boundary.
    @Test(arguments: ["\"", "\\", "\n", "\u{01}", "\u{1F}", "é", "☃"])
    func escapesAtEveryOffset(special: String) throws {
        for prefix in 0..<20 {
            let text = String(repeating: "a", count: prefix) + special + String(repeating: "b", count: 19 - prefix)
            var writer = JSONWriter()
            writer.beginArray()
            writer.string(text)
            writer.endArray()
            let decoded = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
            #expect(decoded == [text])
        }
    }
}

@Suite struct TimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"),
        (1_071_340_202.0, "2003-12-13T18:30:02Z"),
        (951_782_400.0, "2000-02-29T00:00:00Z"),
        (4_102_444_799.9, "2099-12-31T23:59:59Z"),
        (-1.0, "1969-12-31T23:59:59Z"),
        (-2_208_988_800.0, "1900-01-01T00:00:00Z"),
    ])
    func formatsUTCWholeSeconds(seconds: Double, expected: String) {
        #expect(Timestamp.rfc3339(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test(arguments: [
        (0.0, "Thu, 1 Jan 1970 00:00:00 +0000"),
        (951_782_400.0, "Tue, 29 Feb 2000 00:00:00 +0000"),
        (-1.0, "Wed, 31 Dec 1969 23:59:59 +0000"),
    ])
    func formatsMailDatesWithANumericZone(seconds: Double, expected: String) {
        #expect(Timestamp.rfc5322(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
