/// Why a Fever request cannot be answered: a parameter the API cannot read, said in one line.
struct FeverRequestError: Error, Equatable, CustomStringConvertible {
    let message: String

    var description: String { message }

    /// A client's value as an error line shows it: quoted, at most 40 characters, control characters as `?`.
    static func quote(_ text: some StringProtocol) -> String {
        let shown = text.prefix(40).map { $0.isASCII && ($0.asciiValue ?? 0) < 0x20 ? "?" : String($0) }.joined()
        return "'" + shown + (text.count > 40 ? "…'" : "'")
    }
}
