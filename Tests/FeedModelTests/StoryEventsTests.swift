import Foundation
import Testing

@testable import FeedModel

/// Reports of one event in different words are related; stories that only share a person or a place are not.
@Suite struct StoryEventsTests {
    static let vote = StoryEvents.Story(
        id: 1, feeds: [10], published: 0,
        tokens: EventTokens(
            title: "Council Backs $48 Million Ferry Terminal Overhaul",
            text: """
                Bayport's City Council voted 7-2 on Tuesday to spend $48 million rebuilding the Pier 3 ferry \
                terminal. Mayor Dana Whitfield called it a generational decision. Councilors Ray Kowalski and Ines \
                Marsh voted no.
                """))
    static let sameVote = StoryEvents.Story(
        id: 2, feeds: [20], published: 3600,
        tokens: EventTokens(
            title: "Ferry terminal rebuild wins approval",
            text: """
                After years of delay the plan to rebuild the Pier 3 terminal cleared the council late Tuesday on a \
                7-2 vote, committing $48 million. The mayor, Dana Whitfield, had pushed for it; Kowalski and Marsh \
                opposed it.
                """))
    static let sameMayorOtherEvent = StoryEvents.Story(
        id: 3, feeds: [20], published: 7200,
        tokens: EventTokens(
            title: "Whitfield opens new library branch",
            text: """
                Mayor Dana Whitfield cut the ribbon on the Eastside library branch on Wednesday, which cost \
                $6 million. Councilor Ray Kowalski praised the reading room.
                """))

    @Test func tokensAreNamesAndNumbersOfTheLead() {
        let tokens = Self.vote.tokens
        #expect(tokens.names.isSuperset(of: ["whitfield", "kowalski", "marsh", "pier", "dana"]))
        #expect(tokens.numbers.isSuperset(of: ["7-2", "48"]))
        // Sentence-initial words, days and lone digits are every report's.
        #expect(
            !tokens.names.contains("bayport") && !tokens.names.contains("tuesday") && !tokens.names.contains("mayor"))
        #expect(!tokens.numbers.contains("3"))
        #expect(EventTokens(title: nil, text: "In 2026 the 1,250 homes.").numbers == ["1250"])
    }

    @Test func oneEventInOtherWordsIsRelated() {
        #expect(StoryEvents.isOneEvent(Self.vote, Self.sameVote))
        #expect(StoryEvents.events(of: [Self.vote, Self.sameVote, Self.sameMayorOtherEvent]) == [1: 1, 2: 1])
        let coverage = StoryEvents.coverage(of: [Self.vote, Self.sameVote, Self.sameMayorOtherEvent])
        #expect(coverage == [.init(event: 1, outlets: 1), .init(event: 1, outlets: 1), nil])
    }

    @Test func sharedPeopleAloneTheSameFeedOrDaysApartAreNot() {
        #expect(!StoryEvents.isOneEvent(Self.vote, Self.sameMayorOtherEvent))
        var sameFeed = Self.sameVote
        sameFeed.feeds = [10]
        #expect(!StoryEvents.isOneEvent(Self.vote, sameFeed))
        var later = Self.sameVote
        later.published = StoryEvents.window + 1
        #expect(!StoryEvents.isOneEvent(Self.vote, later))
    }
}
