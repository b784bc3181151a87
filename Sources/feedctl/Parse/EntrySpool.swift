import Glibc

/// Holds the JSON of a document's entries until the feed's own fields are known, so that `feedctl parse --json`
/// can print the feed before its entries without keeping a 50 MB feed's entries in memory: past a threshold the
/// bytes move to an anonymous temporary file.
///
/// The file is written 64 KiB at a time (few system calls, and the bytes are still in the cache when the kernel
/// copies them: a megabyte at a time made that copy several times slower), and copied to the output by the kernel
/// (`sendfile`) rather than read back through this process.
final class EntrySpool {
    private var memory: [UInt8] = []
    private var file: UnsafeMutablePointer<FILE>?
    private let threshold: Int
    /// Bytes headed for the file, written out once they reach `writeSize`.
    private var pending: [UInt8] = []
    private var fileSize = 0
    private static let writeSize = 64 << 10

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
            swap(&pending, &memory)
            try writePending()
            // A fresh, smaller buffer: the memory spool's 4 MB need not stay allocated.
            pending = []
            pending.reserveCapacity(2 * Self.writeSize)
        }
        if pending.isEmpty && bytes.count >= Self.writeSize {
            // Already a batch: written from where it is.
            try write(bytes)
            return
        }
        pending.append(contentsOf: bytes)
        if pending.count >= Self.writeSize { try writePending() }
    }

    /// Copies everything spooled to `output`, in order.
    func drain(to output: FileDescriptorOutput) throws {
        guard let file else {
            output.write(memory)
            return
        }
        try writePending()
        let descriptor = fileno(file)
        var offset = 0
        while offset < fileSize {
            let sent = sendfile(output.descriptor, descriptor, &offset, fileSize - offset)
            if sent > 0 { continue }
            if sent < 0 && errno == EINTR { continue }
            if sent < 0 && (errno == EINVAL || errno == ENOSYS) {
                // An output sendfile cannot write to (opened with O_APPEND, say): copy through this process.
                try copy(from: descriptor, offset: offset, to: output)
                return
            }
            let reason = sent == 0 ? "the temporary file is shorter than written" : "standard output is closed"
            throw SpoolError(message: reason)
        }
    }

    private func copy(from descriptor: Int32, offset start: Int, to output: FileDescriptorOutput) throws {
        var chunk = [UInt8](repeating: 0, count: Self.writeSize)
        var offset = start
        while offset < fileSize {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw SpoolError(message: "cannot read back the temporary file") }
            guard chunk.withUnsafeBytes({ output.write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }) else {
                throw SpoolError(message: "standard output is closed")
            }
            offset += count
        }
    }

    private func writePending() throws {
        try write(pending)
        pending.removeAll(keepingCapacity: true)
    }

    private func write(_ bytes: [UInt8]) throws {
        guard let file, !bytes.isEmpty else { return }
        let written = bytes.withUnsafeBytes { FileDescriptorOutput(descriptor: fileno(file)).write($0) }
        if !written { throw SpoolError(message: "cannot write the temporary file (disk full?)") }
        fileSize += bytes.count
    }
}

struct SpoolError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
