/// Why a secret file could not be used, in one line naming the file: "secret file /etc/feedd/hook.secret:
/// Permission denied".
///
/// It never contains any of the file's contents.
public struct SecretFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path as configured.
    public var path: String
    /// The system's explanation ("No such file or directory") or what is wrong with the contents ("is empty").
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "secret file \(path): \(reason)"
    }
}
