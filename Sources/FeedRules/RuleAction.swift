import Foundation

/// One action of a `[[rule]]`: what happens to an article the rule matches.
public enum RuleAction: Sendable, Hashable, CustomStringConvertible {
    /// Never stored or shown; remembered like a removed article, so it does not come back.
    case drop
    /// Within the rule's scope, only articles that some `keep` rule matches are stored.
    case keep
    /// Stored as read.
    case read
    /// Stored starred.
    case star
    /// Shown first in the digest, in its own section.
    case highlight
    /// Stored with this tag.
    case tag(String)
    /// Reported to this `[[notify]]` sink.
    case notify(String)

    /// Reads `drop`, `keep`, `read`, `star`, `highlight`, `tag:NAME` or `notify:SINK`; nil for anything else.
    public init?(parsing text: String) {
        switch text {
        case "drop": self = .drop
        case "keep": self = .keep
        case "read": self = .read
        case "star": self = .star
        case "highlight": self = .highlight
        default:
            if text.hasPrefix("tag:"), let name = Self.argument(text.dropFirst(4)) {
                self = .tag(name)
            } else if text.hasPrefix("notify:"), let name = Self.argument(text.dropFirst(7)) {
                self = .notify(name)
            } else {
                return nil
            }
        }
    }

    /// The action as the configuration writes it.
    public var description: String {
        switch self {
        case .drop: "drop"
        case .keep: "keep"
        case .read: "read"
        case .star: "star"
        case .highlight: "highlight"
        case .tag(let name): "tag:" + name
        case .notify(let sink): "notify:" + sink
        }
    }

    /// What the configuration's error says is accepted.
    public static let expectation =
        "\"drop\", \"keep\", \"read\", \"star\", \"highlight\", \"tag:NAME\" or \"notify:SINK\""

    private static func argument(_ text: Substring) -> String? {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(where: { $0.isNewline || $0 == "," }) else { return nil }
        return name
    }
}
