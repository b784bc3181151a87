import FeedConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes rendered digests to a directory, each file atomically so readers never see half a digest.
public enum DigestFiles {
    /// Writes each format as `<directory>/<day>.html|.md|.txt`, plus `latest.html` when HTML is among them; with a
    /// `prefix` (an edition's name), `<prefix>-<day>.html` and `<prefix>-latest.html`.
    ///
    /// `day` is the digest's day (``DigestDocument/day``). The directory is created (0755, parents too) when missing. Each
    /// file is written to a temporary file in the same directory, fsynced, renamed over the target, and the
    /// directory fsynced; a failure removes the temporary file and leaves any previous target intact.
    /// Returns the paths written, in order. Throws ``DigestFileError`` at the first failure.
    public static func write(
        _ renders: [(DigestFormat, String)], day: String, to directory: String, prefix: String? = nil
    ) throws(DigestFileError) -> [String] {
        try write(renders, day: day, to: directory, prefix: prefix, rename: { systemRename($0, $1) })
    }

    /// The file name of the digest of `day` in `format`, e.g. "2026-11-29.md", or "weekly-2026-11-29.md" with the
    /// prefix "weekly".
    public static func fileName(day: String, format: DigestFormat, prefix: String? = nil) -> String {
        let stem = prefix.map { "\($0)-\(day)" } ?? day
        switch format {
        case .html: return "\(stem).html"
        case .markdown: return "\(stem).md"
        case .text: return "\(stem).txt"
        }
    }

    /// The file always holding the newest HTML digest.
    public static let latestHTMLName = "latest.html"

    /// The newest HTML digest's file for an edition's `prefix` (none: `latest.html`).
    public static func latestHTMLName(prefix: String?) -> String {
        prefix.map { "\($0)-" + latestHTMLName } ?? latestHTMLName
    }

    /// Writes `content` to `directory/name` atomically (temporary file, fsync, rename), creating the directory.
    public static func write(_ content: String, named name: String, to directory: String) throws(DigestFileError) {
        try makeDirectory(directory)
        try writeAtomically(content, to: directory + "/" + name, directory: directory, rename: { systemRename($0, $1) })
    }

    /// ``write(_:day:to:)`` with the rename step injectable, so tests can fail it as a crash would.
    ///
    /// `rename` has rename(2)'s contract: 0 on success, -1 with errno set on failure.
    static func write(
        _ renders: [(DigestFormat, String)], day: String, to directory: String, prefix: String? = nil,
        rename: (String, String) -> Int32
    ) throws(DigestFileError) -> [String] {
        // An empty path would otherwise put the files in "/".
        guard !directory.isEmpty else {
            throw DigestFileError(path: directory, operation: "create directory", code: ENOENT)
        }
        let directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        try makeDirectory(directory)
        removeStaleTemporaryFiles(in: directory)
        var written: [String] = []
        for (format, content) in renders {
            let path = directory + "/" + fileName(day: day, format: format, prefix: prefix)
            try writeAtomically(content, to: path, directory: directory, rename: rename)
            written.append(path)
        }
        if let html = renders.first(where: { $0.0 == .html }) {
            let path = directory + "/" + latestHTMLName(prefix: prefix)
            try writeAtomically(html.1, to: path, directory: directory, rename: rename)
            written.append(path)
        }
        return written
    }

    /// Removes the temporary files that a writer killed mid-write left in `directory` (`kill -9`, a crash, power
    /// loss); returns their names.
    ///
    /// A temporary file is `.<name>.<pid>.<random>.tmp`. One is stale when its process is gone, or is this
    /// process: a process writes one digest at a time (the daemon's digest work is serial, feedctl runs one
    /// command), so a file of its own outside `write` was left by a failure. Files of live processes (feedctl
    /// writing beside the daemon) and every other file stay.
    @discardableResult
    public static func removeStaleTemporaryFiles(in directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var removed: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
                String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = temporaryFileOwner(name) else { continue }
            let stale = pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH)
            if stale && unlink(directory + "/" + name) == 0 {
                removed.append(name)
            }
        }
        return removed
    }

    /// The pid in a temporary file's name as `writeAtomically` makes it, else nil.
    static func temporaryFileOwner(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, let pid = pid_t(parts[parts.count - 2]), pid > 0,
            UInt32(parts[parts.count - 1]) != nil, !parts[0].isEmpty
        else { return nil }
        return pid
    }

    private static func systemRename(_ from: String, _ to: String) -> Int32 {
        #if canImport(Glibc)
            Glibc.rename(from, to)
        #else
            Darwin.rename(from, to)
        #endif
    }

    private static func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(fd, bytes, count)
        #else
            Darwin.write(fd, bytes, count)
        #endif
    }

    /// Creates `path` and its missing parents with mode 0755.
    private static func makeDirectory(_ path: String) throws(DigestFileError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw DigestFileError(path: path, operation: "create directory", code: ENOTDIR)
            }
            return
        }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw DigestFileError(path: prefix, operation: "create directory", code: errno)
            }
            prefix += "/"
        }
    }

    private static func writeAtomically(
        _ content: String, to path: String, directory: String, rename: (String, String) -> Int32
    ) throws(DigestFileError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = "\(directory)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DigestFileError(path: path, operation: "create temporary file", code: errno) }

        func fail(_ operation: String, _ code: Int32, closing: Bool) -> DigestFileError {
            if closing { close(fd) }
            unlink(temporary)
            return DigestFileError(path: path, operation: operation, code: code)
        }

        let bytes = Array(content.utf8)
        let writeError: Int32? = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let result = systemWrite(fd, base + offset, buffer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += result
            }
            return nil
        }
        if let writeError { throw fail("write", writeError, closing: true) }
        if fsync(fd) != 0 { throw fail("fsync", errno, closing: true) }
        if close(fd) != 0 { throw fail("close", errno, closing: false) }
        if rename(temporary, path) != 0 { throw fail("rename", errno, closing: false) }

        // The rename is durable only once the directory entry is.
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryFD >= 0 else { throw DigestFileError(path: directory, operation: "open directory", code: errno) }
        defer { close(directoryFD) }
        if fsync(directoryFD) != 0 && errno != EINVAL {
            throw DigestFileError(path: directory, operation: "fsync directory", code: errno)
        }
    }
}
