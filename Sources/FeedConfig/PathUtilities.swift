/// Joins `directory` and a relative `name` with exactly one slash between them.
func joinPath(_ directory: String, _ name: String) -> String {
    if directory.isEmpty {
        return name
    }
    return directory.hasSuffix("/") ? directory + name : directory + "/" + name
}

/// `path` unchanged when absolute, else `path` inside `baseDirectory`.
func resolvePath(_ path: String, against baseDirectory: String) -> String {
    path.hasPrefix("/") ? path : joinPath(baseDirectory, path)
}

/// The directory part of `path`: `/etc/feedd` for `/etc/feedd/feedd.toml`, `.` for `feedd.toml`.
func directoryName(of path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
    if slash == path.utf8.startIndex {
        return "/"
    }
    return String(path[..<slash])
}
