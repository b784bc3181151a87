import Glibc

/// Why the API's listener could not start.
public struct APIServerError: Error, CustomStringConvertible {
    /// The `listen` address, as written.
    public var address: String
    /// What the system said.
    public var reason: String
    /// The system's error number, when it gave one.
    public var code: Int32?

    /// True when a restart cannot cure it (an address not on this host, a port below 1024 without the
    /// capability); false for an address in use, which its holder may give up.
    public var isLasting: Bool {
        code.map { $0 != EADDRINUSE } ?? false
    }

    public var description: String {
        "cannot listen on \(address) ([api] listen): \(reason)"
    }
}
