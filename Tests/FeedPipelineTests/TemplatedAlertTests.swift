import FeedStore
import Foundation
import Testing

/// Automatic alerts of two feeds read alike and are different events when their numbers differ; a copy that
/// drops a sentence is still the alert.
@Suite struct TemplatedAlertTests {
    static func alert(magnitude: String, day: String, withClosing: Bool = true) -> String {
        var text = """
            A magnitude \(magnitude) earthquake struck 12 km north of Ridgecrest, California, at a depth of 8 km on \
            \(day) morning, the U.S. Geological Survey said, and was felt as far away as Bakersfield and Barstow.
            """
        if withClosing { text += " There were no immediate reports of damage or injuries in the area." }
        return text
    }

    static func feed(_ name: String, title: String, text: String) -> [UInt8] {
        Array(
            """
            <rss version="2.0"><channel><title>\(name)</title><item><title>\(title)</title>
            <link>https://\(name).example/alerts/1</link><pubDate>Tue, 01 Dec 2026 09:00:00 GMT</pubDate>
            <description>&lt;p&gt;\(text)&lt;/p&gt;</description></item></channel></rss>
            """.utf8)
    }

    @Test func alertsThatDifferInTheirNumbersStayApart() throws {
        let newsroom = try Newsroom()
        try newsroom.fetch(
            bytes: Self.feed(
                "quakes-a", title: "M 4.6 near Ridgecrest", text: Self.alert(magnitude: "4.6", day: "Tuesday")),
            as: "quakes-a")
        try newsroom.fetch(
            bytes: Self.feed(
                "quakes-b", title: "M 4.8 near Ridgecrest", text: Self.alert(magnitude: "4.8", day: "Tuesday")),
            as: "quakes-b")
        try newsroom.fetch(
            bytes: Self.feed(
                "quakes-c", title: "Quake shakes Ridgecrest",
                text: Self.alert(magnitude: "4.6", day: "Tuesday", withClosing: false)),
            as: "quakes-c")
        let first = try #require(try newsroom.articles(of: "quakes-a").first)
        let other = try #require(try newsroom.articles(of: "quakes-b").first)
        let copy = try #require(try newsroom.articles(of: "quakes-c").first)
        #expect(other.story != first.story)
        #expect(copy.story == first.story)
    }

    @Test(
        arguments: [
            ("M 5.5 - 43 km S of Kodiak, Alaska. Depth 35 km.", "M 5.4 - 12 km N of Ridgecrest, CA. Depth 8 km.", true),
            (
                "The mayor, Dana Whitfield, opened the library on Elm Street.",
                "The mayor, Ray Kowalski, opened the library on Oak Avenue.", true
            ),
            (
                "Fire destroyed 450 hectares near Montellano.",
                "Fire destroyed 450 hectares near Montellano on Monday.", false
            ),
            ("The council met.", "The council met again.", false),
        ])
    func factsDiffer(a: String, b: String, expected: Bool) {
        #expect(StoryMatching.factsDiffer(a, b) == expected)
    }
}
