/// What went wrong with one input: the check that failed and a line saying how.
struct FuzzFinding: Sendable, CustomStringConvertible {
    var check: FuzzCheck
    var detail: String

    var description: String { "\(check.rawValue): \(detail)" }
}
