internal import CSodium

/// libsodium's one-time initialisation, which its random numbers and hashes need first.
enum Sodium {
    /// `sodium_init` is thread-safe and idempotent; a lazy global runs it once per process.
    private static let initialised: Bool = sodium_init() >= 0

    static func ready() {
        precondition(initialised, "libsodium could not be initialised")
    }
}
