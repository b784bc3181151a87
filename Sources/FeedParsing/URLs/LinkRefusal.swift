/// A URL field that `LinkPolicy` refused: what it was and why, to be reported as a problem.
struct LinkRefusal: Sendable, Equatable {
    /// The field, as a reader of the output knows it ("link", "enclosure", "image").
    var field: String
    var reference: String
    var reason: String

    /// The reference as it may appear in a one-line message: controls escaped, long ones cut.
    var shownReference: String {
        var shown = ""
        for scalar in reference.unicodeScalars.prefix(100) {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                shown += "%" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return reference.unicodeScalars.count > 100 ? shown + "…" : shown
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
