import Foundation

/// Runs `work` for indexes 0..<count on `width` threads of its own and hands each result to `deliver` on the
/// calling thread, in index order, as soon as it and all before it are done.
///
/// Dedicated threads rather than Dispatch's shared pool: `work` may block waiting for work it queued on that pool
/// itself (the parser finishes entries there). At most `width` results are ahead of delivery, so memory stays
/// bounded however many items there are.
enum OrderedParallelMap {
    static func run<Result: Sendable>(
        count: Int, width: Int, work: @escaping @Sendable (Int) -> Result, deliver: (Int, Result) -> Void
    ) {
        let state = State<Result>(window: max(1, width))
        for _ in 0..<max(1, min(width, count)) {
            Thread {
                while let index = state.nextIndex(below: count) {
                    state.store(index, work(index))
                }
            }.start()
        }
        for index in 0..<count {
            deliver(index, state.take(index))
        }
    }

    /// The next index to work on and the finished results, guarded by one condition variable.
    private final class State<Result: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private let window: Int
        private var next = 0
        private var delivered = 0
        private var finished: [Int: Result] = [:]

        init(window: Int) {
            self.window = window
        }

        /// The next index, once it is within `window` of the last delivered one; nil when all are taken.
        func nextIndex(below count: Int) -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while next < count && next >= delivered + window { condition.wait() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ index: Int, _ result: Result) {
            condition.lock()
            finished[index] = result
            condition.broadcast()
            condition.unlock()
        }

        func take(_ index: Int) -> Result {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let result = finished.removeValue(forKey: index) {
                    delivered = index + 1
                    condition.broadcast()
                    return result
                }
                condition.wait()
            }
        }
    }
}
