/// The two programs compared: libxml2's own streaming reader (the ceiling) and ours.
enum Tool: String, CaseIterable, Sendable, Codable {
    /// `xmllint --stream --noout FILE…`: libxml2's xmlTextReader with no tree and no output.
    case xmllint
    /// `feedctl parse --json FILE… > /dev/null`: the full parse plus JSON serialisation.
    case feedctl
    /// The same command with another feedctl (`--baseline`, say the build of the last release), timed in the same
    /// runs so that before and after see the same load.
    case baseline

    /// The argument vector for parsing `files` with the executable at `path`.
    func arguments(path: String, files: [String]) -> [String] {
        switch self {
        case .xmllint: return [path, "--stream", "--noout"] + files
        case .feedctl, .baseline: return [path, "parse", "--json"] + files
        }
    }
}
