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

/// `path` without empty and `.` components, and with each `..` taking away the component before it, as written
/// (links are not followed): `/etc//feedd/./feedd.toml` and `/etc/x/../feedd/feedd.toml` are `/etc/feedd/feedd.toml`.
func lexicallyNormalized(_ path: String) -> String {
    var components: [Substring] = []
    for component in path.split(separator: "/") where component != "." {
        if component == "..", let last = components.last, last != ".." {
            components.removeLast()
        } else if component != ".." || !path.hasPrefix("/") {
            components.append(component)
        }
    }
    let joined = components.joined(separator: "/")
    return path.hasPrefix("/") ? "/" + joined : joined
}
