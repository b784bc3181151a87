import Foundation

/// What went wrong with one input: the check that failed and a line saying how.
struct FuzzFinding: Sendable, CustomStringConvertible {
    var check: FuzzCheck
    var detail: String

    var description: String { "\(check.rawValue): \(detail)" }

    /// What makes two findings the same bug: the target and check, and for crashes and unsafe output the detail
    /// without its numbers (addresses, entry numbers). Timing and memory findings differ only in numbers anyway.
    func signature(target: FuzzTarget) -> String {
        switch check {
        case .crash, .unsafeOutput:
            let words = detail.replacingOccurrences(of: " (did not recur when run alone)", with: "")
            return
                "\(target.rawValue) \(check.rawValue) \(String(words.unicodeScalars.filter { !("0"..."9").contains($0) }))"
        case .hang, .slow, .memory:
            return "\(target.rawValue) \(check.rawValue)"
        }
    }
}
