import Foundation
import Logging

extension StandardErrorLogHandler {
    /// One event as the text of one line: the message, then its metadata as `key=value` pairs, sorted by key.
    ///
    /// The pairs follow logfmt, which people read at a glance and tools split without guessing: a value with a
    /// space, a quote, an `=` or a control character (or an empty one) is quoted, with `\` and `"` escaped and line
    /// breaks written as `\n`, so an error text that a server or a feed put words into can neither run into the next
    /// pair nor break the line. Nested dictionaries become dotted keys (`request.method=GET`), as swift-log's
    /// structured-logging guide names keys.
    public static func line(message: Logger.Message, metadata: Logger.Metadata) -> String {
        // The message is meant to be constant, but the daemon's own lines still interpolate values, error texts
        // among them: one event stays one line whatever they hold.
        var text = "\(message)".replacingOccurrences(of: "\n", with: " ")
        var pairs: [(key: String, value: String)] = []
        flatten(metadata, prefix: "", into: &pairs)
        for (key, value) in pairs.sorted(by: { $0.key < $1.key }) {
            text += " \(key)=\(logfmtValue(value))"
        }
        return text
    }

    /// Appends every leaf of `metadata` under its dotted key.
    private static func flatten(
        _ metadata: Logger.Metadata, prefix: String, into pairs: inout [(key: String, value: String)]
    ) {
        for (key, value) in metadata {
            let name = prefix + key
            if case .dictionary(let nested) = value, !nested.isEmpty {
                flatten(nested, prefix: name + ".", into: &pairs)
            } else {
                pairs.append((name, value.description))
            }
        }
    }

    /// `value` as it stands, or quoted and escaped when it would otherwise be read wrong.
    private static func logfmtValue(_ value: String) -> String {
        let plain =
            !value.isEmpty
            && !value.unicodeScalars.contains {
                $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.properties.generalCategory == .control
            }
        if plain {
            return value
        }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            default:
                if scalar.properties.generalCategory == .control {
                    quoted += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }
}
