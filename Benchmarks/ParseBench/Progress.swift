import Foundation

/// Writes one progress line to stderr, so that stdout carries only the report (and stays parseable with --json).
func progress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
