import Glibc

/// Holds the JSON of a document's entries until the feed's own fields are known, so that `feedctl parse --json`
/// can print the feed before its entries without keeping a 50 MB feed's entries in memory: past a threshold the
/// bytes move to an anonymous temporary file.
final class EntrySpool {
    private var memory: [UInt8] = []
    private var file: UnsafeMutablePointer<FILE>?
    private let threshold: Int

    init(threshold: Int = 4 << 20) {
        self.threshold = threshold
    }

    deinit {
        if let file { fclose(file) }
    }

    func append(_ bytes: [UInt8]) throws {
        if file == nil && memory.count + bytes.count <= threshold {
            memory.append(contentsOf: bytes)
            return
        }
        if file == nil {
            guard let created = tmpfile() else { throw SpoolError(message: "cannot create a temporary file") }
            file = created
            try write(memory)
            memory = []
        }
        try write(bytes)
    }

    /// Copies everything spooled to `output`, in order.
    func drain(to output: FileDescriptorOutput) throws {
        guard let file else {
            output.write(memory)
            return
        }
        rewind(file)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            guard chunk.withUnsafeBytes({ output.write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }) else {
                throw SpoolError(message: "standard output is closed")
            }
        }
        if ferror(file) != 0 { throw SpoolError(message: "cannot read back the temporary file") }
    }

    private func write(_ bytes: [UInt8]) throws {
        guard let file, !bytes.isEmpty else { return }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if written != bytes.count { throw SpoolError(message: "cannot write the temporary file (disk full?)") }
    }
}

struct SpoolError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
