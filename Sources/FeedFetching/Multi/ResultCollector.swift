import Synchronization

/// Gathers the results of a batch by index and resumes the waiting task once the last one has arrived.
final class ResultCollector: Sendable {
    typealias Results = [Result<FetchResponse, FetchError>]

    private struct State {
        var results: [Result<FetchResponse, FetchError>?]
        var missing: Int
        var continuation: CheckedContinuation<Results, Never>?
    }

    private let state: Mutex<State>

    /// `count` must be at least 1: the continuation is resumed by the last `store`.
    init(count: Int, continuation: CheckedContinuation<Results, Never>) {
        state = Mutex(State(results: Array(repeating: nil, count: count), missing: count, continuation: continuation))
    }

    /// Records the result for `index`; each index must be stored once.
    func store(_ result: Result<FetchResponse, FetchError>, at index: Int) {
        let finished = state.withLock { state -> (Results, CheckedContinuation<Results, Never>)? in
            guard state.results[index] == nil else {
                return nil
            }
            state.results[index] = result
            state.missing -= 1
            guard state.missing == 0, let continuation = state.continuation else {
                return nil
            }
            state.continuation = nil
            return (state.results.compactMap { $0 }, continuation)
        }
        if let (results, continuation) = finished {
            continuation.resume(returning: results)
        }
    }
}
