/// The two programs compared: libxml2's own streaming reader (the ceiling) and ours.
enum Tool: String, CaseIterable, Sendable, Codable {
    /// `xmllint --stream --noout FILE…`: libxml2's xmlTextReader with no tree and no output.
    case xmllint
    /// `feedctl parse --json FILE… > /dev/null`: the full parse plus JSON serialisation.
    case feedctl

    /// The argument vector for parsing `files` with the executable at `path`.
    func arguments(path: String, files: [String]) -> [String] {
        switch self {
        case .xmllint: return [path, "--stream", "--noout"] + files
        case .feedctl: return [path, "parse", "--json"] + files
        }
    }
}
