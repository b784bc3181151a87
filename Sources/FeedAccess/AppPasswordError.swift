/// Why an app password could not be hashed.
public enum AppPasswordError: Error, CustomStringConvertible {
    /// Argon2 could not allocate its memory.
    case outOfMemory

    public var description: String {
        switch self {
        case .outOfMemory: "cannot hash the password: not enough memory for Argon2id (16 MiB)"
        }
    }
}
