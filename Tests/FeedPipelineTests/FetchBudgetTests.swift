import TestSupport
import Testing

@testable import FeedPipeline

/// The fetch cycle's budget as a unit: the feeds and the body bytes it lets in, whatever the window.
///
/// No cycle runs here: each test plays admissions, arrivals and releases in an order it chooses, and checks what
/// the budget allowed after every step.
@Suite struct FetchBudgetTests {

    /// Admits as many feeds as the budget lets in; returns how many.
    static func fill(_ budget: inout FetchBudget) -> Int {
        var admitted = 0
        while budget.admit() {
            admitted += 1
        }
        return admitted
    }

    @Test(arguments: [1, 8, 32, 50, 1000])
    func aWiderWindowAdmitsNoMoreThanTheBytesAllow(window: Int) {
        // 1 MiB of 100 KiB bodies: ten feeds at most, at any window of ten or more.
        var budget = FetchBudget(window: window, bytes: 1 << 20, firstGuess: 100 << 10)
        #expect(Self.fill(&budget) == min(window, 10))
        #expect(budget.feeds == min(window, 10))
        #expect(budget.expected == budget.feeds)
    }

    @Test func oneHugeBodyDoesNotLeaveTheOthersOneAtATime() {
        var budget = FetchBudget(window: 50, bytes: 2 << 20, firstGuess: 100 << 10)
        let first = budget.admit()
        #expect(first)
        budget.arrived(15 << 20)
        budget.release(15 << 20)
        // Counted as half a MiB in the mean, not 15: four feeds fit again.
        #expect(budget.guess == (2 << 20) / 4)
        #expect(Self.fill(&budget) == 4)
    }

    @Test func theWindowCapsFeedsWhenBytesArePlenty() {
        var budget = FetchBudget(window: 3, bytes: Int.max / 4, firstGuess: 1)
        #expect(Self.fill(&budget) == 3)
        budget.arrived(10)
        let fourth = budget.admit()
        #expect(!fourth)
        budget.release(10)
        let afterRelease = budget.admit()
        #expect(afterRelease)
        let beyondWindow = budget.admit()
        #expect(!beyondWindow)
    }

    @Test(arguments: [(window: 8, body: 64 << 10), (50, 120 << 10), (1000, 120 << 10), (50, 1 << 20)])
    func heldBytesNeverExceedTheBudgetInAnyOrder(window: Int, body: Int) {
        let limit = 4 << 20
        var budget = FetchBudget(window: window, bytes: limit, firstGuess: body)
        // A deterministic shuffle of the steps, so a failure replays.
        var steps = SeededRandom(seed: UInt64(window * 31 + body))
        var stored = 0
        var arrivedNotReleased = 0
        var mostHeld = 0
        var mostFeeds = 0
        while stored < 2000 {
            switch Int.random(in: 0..<3, using: &steps) {
            case 0:
                _ = budget.admit()
            case 1 where budget.expected > 0:
                budget.arrived(body)
                arrivedNotReleased += 1
            case 2 where arrivedNotReleased > 0:
                budget.release(body)
                arrivedNotReleased -= 1
                stored += 1
            default:
                break
            }
            // What arrived and what is on its way stay within the budget, however the steps interleave.
            #expect(budget.held + budget.expected * body <= limit)
            #expect(budget.feeds <= window)
            mostHeld = max(mostHeld, budget.held)
            mostFeeds = max(mostFeeds, budget.feeds)
        }
        #expect(mostHeld <= limit)
        // And the budget is used: as many feeds as fit were in at once.
        #expect(mostFeeds == min(window, limit / body))
    }

    @Test func oneFeedIsAlwaysLetInEvenWhenItsBodyIsLargerThanTheBudget() {
        var budget = FetchBudget(window: 50, bytes: 1 << 20, firstGuess: 10)
        let first = budget.admit()
        #expect(first)
        for _ in 1..<50 {
            _ = budget.admit()
        }
        budget.arrived(8 << 20)
        // The large body alone is over the budget: nothing more starts until it is stored.
        while budget.expected > 0 {
            budget.arrived(0)
        }
        for _ in 0..<(budget.feeds - 1) {
            budget.release(0)
        }
        #expect(budget.feeds == 1)
        let whileLargeHeld = budget.admit()
        #expect(!whileLargeHeld)
        budget.release(8 << 20)
        let afterLargeStored = budget.admit()
        #expect(afterLargeStored)
    }

    @Test func theGuessForATransferInFlightIsTheMeanBodySoFar() {
        var budget = FetchBudget(window: 100, bytes: 1 << 20)
        // Before any body arrived, a large one is assumed: four feeds of 256 KiB.
        #expect(Self.fill(&budget) == 4)
        for _ in 0..<4 {
            budget.arrived(16 << 10)
            budget.release(16 << 10)
        }
        #expect(budget.guess == 16 << 10)
        // Small bodies let more in: 1 MiB of 16 KiB guesses.
        #expect(Self.fill(&budget) == 64)
    }
}
