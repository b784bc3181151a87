/// Why the API's listener could not start.
public struct APIServerError: Error, CustomStringConvertible {
    /// The `listen` address, as written.
    public var address: String
    /// What the system said.
    public var reason: String

    public var description: String {
        "cannot listen on \(address) ([api] listen): \(reason)"
    }
}
