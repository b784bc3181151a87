/// A reason the fuzzer itself cannot run (a missing corpus, a child it could not start), in one line.
struct FuzzError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
