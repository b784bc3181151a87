import Foundation

/// Text made to fit on one line: of an error about a command, or of a header value.
///
/// Shared by the exec notification sink (which also shapes ntfy titles with it) and exec feed sources, so a
/// command's complaint reads the same wherever it is reported.
package enum OneLineText {
    /// `text` on one line: each run of control characters (line breaks, tabs, NUL) becomes one space, and the
    /// ends are trimmed, so it can be a header value or part of a one-line error.
    package static func singleLine(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                pendingSpace = true
                continue
            }
            if pendingSpace && !result.isEmpty {
                result.unicodeScalars.append(" ")
            }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// The first non-blank line of a command's output, on one line and at most `maxCharacters` long; "" if none.
    package static func firstLine(of output: [UInt8], maxCharacters: Int = 200) -> String {
        let text = String(decoding: output, as: UTF8.self)
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let shaped = singleLine(String(line))
            if !shaped.isEmpty {
                return String(shaped.prefix(maxCharacters))
            }
        }
        return ""
    }

    /// "exited with status 3" followed by what the command said, when it said anything.
    package static func summary(_ summary: String, stderr: String) -> String {
        stderr.isEmpty ? summary : "\(summary): \(stderr)"
    }

    /// "30 s" or "300 ms": whole seconds when the duration is, else milliseconds.
    package static func duration(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 {
            return "\(seconds) s"
        }
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }
}
