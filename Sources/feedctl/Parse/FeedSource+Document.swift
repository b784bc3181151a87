import FeedFetching
import Foundation
import Glibc

/// A web page read whole, with the address its relative links resolve against.
struct SourceDocument {
    var bytes: [UInt8]
    /// The final URL after redirects, or the file's `file://` URL.
    var url: String
    /// The charset of the HTTP `Content-Type`, when the server sent one.
    var charset: String?
}

extension FeedSource {
    /// Reads the whole source, at most `FetchRequest.defaultMaxBodyBytes`: a page for `feedctl fetch-text` and
    /// `parse --kind html`.
    ///
    /// A URL is fetched as `parse` fetches it: the SSRF guard on, exempting only the typed URL's own host.
    func document() throws -> SourceDocument {
        switch self {
        case .file(let path, let descriptor):
            defer { close(descriptor) }
            return SourceDocument(bytes: try Self.readAll(descriptor), url: Self.fileURL(path))
        case .standardInput:
            return SourceDocument(bytes: try Self.readAll(STDIN_FILENO), url: "file:///dev/stdin")
        case .url(let url):
            let response = try Self.fetch(url)
            return SourceDocument(bytes: response.body, url: response.finalURL, charset: response.charset)
        }
    }

    private static func readAll(_ descriptor: Int32) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SourceError(message: "cannot read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= FetchRequest.defaultMaxBodyBytes else {
                throw SourceError(message: "larger than \(FetchRequest.defaultMaxBodyBytes >> 20) MiB")
            }
            bytes.append(contentsOf: buffer[..<count])
        }
    }
}
