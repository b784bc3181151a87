import ArticleCleaning
import FeedModel
import Foundation
import Testing

/// How close sketches of edited, syndicated and different texts come; the store's threshold is 0.5.
@Suite struct StorySketchTests {
    static let story: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/stories/xi-story.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }()

    static func sketch(_ paragraphs: [String]) throws -> StorySignature {
        try #require(StorySketch.signature(ofText: paragraphs.joined(separator: "\n\n")))
    }

    @Test func theFixtureIsTheSeedStory() {
        #expect(Self.story.count == 10)
    }

    @Test func editedCopiesStayAboveTheThreshold() throws {
        let original = try Self.sketch(Self.story)
        let updated = try Self.sketch(["UPDATE: The Kremlin confirmed the visit on Tuesday."] + Self.story)
        let shortened = try Self.sketch(Array(Self.story.dropLast()))
        let both = try Self.sketch(["UPDATE: The Kremlin confirmed the visit on Tuesday."] + Self.story.dropLast())
        // Curly quotes made straight and the text upper-cased: the same words.
        let retyped = try Self.sketch(
            Self.story.map { $0.replacingOccurrences(of: "’", with: "'").uppercased() })
        #expect(original.similarity(to: updated) > 0.8)
        #expect(original.similarity(to: shortened) > 0.75)
        #expect(original.similarity(to: both) > 0.7)
        #expect(original.similarity(to: retyped) == 1)
    }

    @Test func differentStoriesOnOneSubjectStayFarBelow() throws {
        let other = try Self.sketch([
            "Russian President Vladimir Putin said on Tuesday that he expects Chinese President Xi Jinping to visit "
                + "Moscow later this year, as both countries seek closer economic ties.",
            "Putin told reporters that trade between Russia and China grew last year and that energy exports to China "
                + "would rise further, while Western sanctions against Russia remain in place.",
            "The Kremlin did not give a date for Xi's visit. China's Foreign Ministry said it had no information to "
                + "share about the President's travel plans.",
        ])
        #expect(try Self.sketch(Self.story).similarity(to: other) < 0.2)
    }

    @Test func tooLittleTextHasNoSketch() {
        #expect(StorySketch.signature(ofText: "Weekly roundup") == nil)
        #expect(
            StorySketch.signature(ofText: "He declined to comment on the report, his office said on Monday.") == nil)
        #expect(StorySketch.signature(ofText: Self.story[0]) != nil)
    }

    @Test func sketchesAreStableAcrossRuns() throws {
        // Sketches are stored: these values must never change.
        let sketch = try Self.sketch(Self.story)
        #expect(sketch.shingleCount == 336)
        #expect(Array(sketch.values.prefix(3)) == [2_755_434, 5_525_639, 24_074_794])
    }
}
