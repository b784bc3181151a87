import Synchronization

/// A continuation resumed by whichever of several racing tasks answers first; later answers are dropped.
final class FirstAnswer<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T?, any Error>?>

    init(_ continuation: CheckedContinuation<T?, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func give(_ result: Result<T?, any Error>) {
        continuation.withLock { waiting in
            waiting?.resume(with: result)
            waiting = nil
        }
    }
}
