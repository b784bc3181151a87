import Foundation

extension FeedConfiguration {
    /// The configuration file used when neither `--config` nor `$FEEDD_CONFIG` names one.
    public static let defaultPath = "/etc/feedd/feedd.toml"

    /// The configuration file to read: `explicit` (from `--config`), else `$FEEDD_CONFIG`, else `defaultPath`.
    ///
    /// Empty values count as absent.
    public static func resolvePath(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty {
            return explicit
        }
        if let fromEnvironment = environment["FEEDD_CONFIG"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return defaultPath
    }

    /// Reads and validates the configuration file chosen by `resolvePath(explicit:environment:)`.
    ///
    /// A missing `defaultPath` means every key at its default (`sourcePath` nil), so feedctl works without a
    /// configuration; a missing file named by `--config` or `$FEEDD_CONFIG` is an error. Relative paths in the file
    /// are resolved against the file's directory; unset paths go into the state directory of
    /// `StateDirectory.resolve(environment:isRoot:systemConfiguration:)`: the service's for every user when the file
    /// is `defaultPath` (however it was named), the user's own for a file of theirs or when there is no file.
    ///
    /// - Throws: `ConfigError` for a missing or unreadable file, a TOML syntax error, or an unknown key, a wrong type
    ///   or a bad value, naming the file, line and key.
    public static func load(
        explicitPath: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        isRoot: Bool = geteuid() == 0
    ) throws(ConfigError) -> FeedConfiguration {
        try load(explicitPath: explicitPath, environment: environment, isRoot: isRoot, defaultPath: defaultPath)
    }

    /// `load(explicitPath:environment:isRoot:)` with another default location, for tests.
    static func load(
        explicitPath: String?,
        environment: [String: String],
        isRoot: Bool,
        defaultPath: String
    ) throws(ConfigError) -> FeedConfiguration {
        let isDefault = (explicitPath ?? "").isEmpty && (environment["FEEDD_CONFIG"] ?? "").isEmpty
        let path = isDefault ? defaultPath : resolvePath(explicit: explicitPath, environment: environment)
        let bytes: [UInt8]
        switch readFile(atPath: path) {
        case .success(let contents):
            bytes = contents
        case .failure(let failure) where failure.code == ENOENT && isDefault:
            return defaults(stateDirectory: StateDirectory.resolve(environment: environment, isRoot: isRoot))
        case .failure(let failure):
            let message =
                failure.code == ENOENT ? "no such file" : "cannot read: " + String(cString: strerror(failure.code))
            throw ConfigError(file: path, line: nil, key: nil, message: message)
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw ConfigError(file: path, line: nil, key: nil, message: "not valid UTF-8")
        }
        var baseDirectory = directoryName(of: path)
        if !baseDirectory.hasPrefix("/") {
            let workingDirectory = FileManager.default.currentDirectoryPath
            baseDirectory = baseDirectory == "." ? workingDirectory : joinPath(workingDirectory, baseDirectory)
        }
        // The system file is the service's (its unit names it with --config): whoever reads it means its store.
        let isSystemFile =
            lexicallyNormalized(FeedConfig.resolvePath(path, against: FileManager.default.currentDirectoryPath))
            == lexicallyNormalized(defaultPath)
        let stateDirectory = StateDirectory.resolve(
            environment: environment, isRoot: isRoot, systemConfiguration: isSystemFile)
        return try parse(text: text, fileName: path, baseDirectory: baseDirectory, stateDirectory: stateDirectory)
    }

    /// Validates configuration `text` without touching the file system.
    ///
    /// - Parameters:
    ///   - fileName: used in error messages and as `sourcePath`.
    ///   - baseDirectory: what relative `store.path`, `digest.dir` and `digest.mail.password_file` are resolved
    ///     against (normally the configuration file's directory).
    ///   - stateDirectory: where unset `store.path` and `digest.dir` go.
    /// - Throws: `ConfigError` for a TOML syntax error, an unknown key, a wrong type or a bad value.
    public static func parse(
        text: String,
        fileName: String,
        baseDirectory: String,
        stateDirectory: String
    ) throws(ConfigError) -> FeedConfiguration {
        try ConfigurationDecoder(fileName: fileName, baseDirectory: baseDirectory, stateDirectory: stateDirectory)
            .decode(text: text)
    }

    /// The whole file, or the `errno` that stopped reading it (POSIX calls, so the reason can be told exactly).
    private static func readFile(atPath path: String) -> Result<[UInt8], ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(ReadFailure(code: errno)) }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR {
                    continue
                }
                return .failure(ReadFailure(code: errno))
            }
            if count == 0 {
                return .success(contents)
            }
            contents.append(contentsOf: buffer[..<count])
        }
    }

    /// An `errno` value from reading the configuration file.
    private struct ReadFailure: Error {
        let code: Int32
    }
}
