/// What a fetch cycle may hold at once: at most `window` feeds between "requested" and "stored", and bodies of at
/// most about `bytes` bytes among them.
///
/// A feed's body, and the entries and articles parsed from it, live until the feed is stored; on two cores the
/// workers and the writer, not the transfers, set the pace, so with a wide window most feeds in it are waiting
/// bodies. The window alone made a higher concurrency hold more of them (50 feeds of 120 kB and their articles at
/// `concurrency = 50`). The budget counts the bodies that arrived and are not yet stored, plus a guess for each
/// transfer still running (the mean body so far), and starts a transfer only while that sum stays within `bytes`:
/// a concurrency above what the budget holds then adds no memory. One feed is always let in when none is held, so a
/// body larger than the budget is still fetched, alone.
///
/// The bound holds as well as the guess does: transfers admitted on a small guess (after a run of 304s, which hold
/// nothing) may bring larger bodies than it, and then no transfer starts until they are stored. Memory then stays
/// within the window, as it did without a budget. One outlier does not starve the rest: a body counts toward the
/// mean for at most a quarter of the budget.
///
/// A value type with no locking: `FetchCycle` keeps it under its run's lock.
struct FetchBudget: Sendable {
    /// The most feeds admitted and not yet released.
    let window: Int
    /// The most body bytes, arrived or expected, while more than one feed is held.
    let bytes: Int
    /// Feeds admitted and not yet released.
    private(set) var feeds = 0
    /// Bytes of the bodies that arrived and are not yet released.
    private(set) var held = 0
    /// Feeds admitted whose bodies have not arrived.
    private(set) var expected = 0
    /// Bodies arrived so far, and their bytes: the guess for a transfer in flight is their mean.
    private var arrivals = 0
    private var arrivedBytes = 0
    /// The guess before any body arrived: a large feed, so that the first transfers of a cycle stay few.
    private let firstGuess: Int

    /// - Parameter firstGuess: the body size assumed before any arrived (default 256 kB).
    init(window: Int, bytes: Int, firstGuess: Int = 256 << 10) {
        self.window = max(window, 1)
        self.bytes = max(bytes, 0)
        self.firstGuess = max(firstGuess, 1)
    }

    /// The size assumed for a body still in flight.
    var guess: Int {
        arrivals == 0 ? firstGuess : max(arrivedBytes / arrivals, 1)
    }

    /// Takes a place for one more feed when the window and the bytes allow it; false leaves the budget unchanged.
    mutating func admit() -> Bool {
        guard feeds < window else { return false }
        guard feeds == 0 || held + (expected + 1) * guess <= bytes else { return false }
        feeds += 1
        expected += 1
        return true
    }

    /// Records that an admitted feed's body of `count` bytes arrived (0 for a failure or a 304).
    mutating func arrived(_ count: Int) {
        precondition(expected > 0, "a body arrived for no admitted feed")
        expected -= 1
        held += count
        arrivals += 1
        arrivedBytes += min(count, bytes / 4)
    }

    /// Gives back the place of a feed whose body of `count` bytes (as given to `arrived`) is stored and released.
    mutating func release(_ count: Int) {
        precondition(feeds > expected && held >= count, "a feed released that was not admitted and arrived")
        feeds -= 1
        held -= count
    }
}
