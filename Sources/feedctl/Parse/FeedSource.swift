import FeedExtraction
import FeedFetching
import FeedHTML
import FeedModel
import FeedParsing
import Foundation
import Glibc

/// Where `feedctl parse` reads a document from: a file, standard input, or a URL fetched with libcurl.
enum FeedSource {
    case file(path: String, descriptor: Int32)
    case standardInput
    case url(String)

    /// Classifies `argument`; a file is opened at once so a missing one is reported before anything is printed.
    static func open(_ argument: String) throws -> FeedSource {
        if argument == "-" { return .standardInput }
        if let scheme = URLResolver.scheme(of: argument), ["http", "https", "file"].contains(scheme) {
            return .url(argument)
        }
        let descriptor = Glibc.open(argument, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SourceError(message: "cannot open: \(String(cString: strerror(errno)))")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw SourceError(message: "is a directory")
        }
        return .file(path: argument, descriptor: descriptor)
    }

    /// The name to print for this source.
    var name: String {
        switch self {
        case .file(let path, _): return path
        case .standardInput: return "-"
        case .url(let url): return url
        }
    }

    /// Parses the source, handing each entry to `onEntry` as it is read: as a feed, or with `rules` as a page.
    func parse(rules: HTMLItemRules? = nil, onEntry: @escaping (Entry) -> Void) throws -> FeedDocument {
        if let rules {
            return try parsePage(rules: rules, onEntry: onEntry)
        }
        switch self {
        case .file(let path, let descriptor):
            defer { close(descriptor) }
            let options = FeedParserOptions(documentURL: Self.fileURL(path), finishesEntriesInParallel: true)
            return try Self.parse(descriptor: descriptor, name: path, options: options, onEntry: onEntry)
        case .standardInput:
            let options = FeedParserOptions(finishesEntriesInParallel: true)
            return try Self.parse(descriptor: STDIN_FILENO, name: "-", options: options, onEntry: onEntry)
        case .url(let url):
            let response = try Self.fetch(url)
            let options = FeedParserOptions(
                documentURL: response.finalURL, httpCharset: response.charset,
                contentLocation: response.contentLocation, finishesEntriesInParallel: true)
            let stream = FeedParseStream(options: options, onEntry: onEntry)
            try response.body.withUnsafeBytes { try stream.write($0) }
            return try stream.finish()
        }
    }

    /// Reads the whole source as a web page and hands its items to `onEntry`.
    private func parsePage(rules: HTMLItemRules, onEntry: (Entry) -> Void) throws -> FeedDocument {
        // The page is read whole, as fetch-text reads one: on standard input there is no address to resolve
        // relative links against, so only the page's absolute links (or its <base>) count.
        let page = try document()
        let document = try HTMLPageFeed.document(
            from: page.bytes, url: page.url, httpCharset: page.charset, rules: rules)
        document.entries.forEach(onEntry)
        return document
    }

    private static func parse(
        descriptor: Int32, name: String, options: FeedParserOptions, onEntry: @escaping (Entry) -> Void
    ) throws -> FeedDocument {
        let stream = FeedParseStream(options: options, onEntry: onEntry)
        var buffer = [UInt8](repeating: 0, count: 256 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SourceError(message: "cannot read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            try buffer.withUnsafeBytes { try stream.write(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
        return try stream.finish()
    }

    /// The successful response for `url`.
    static func fetch(_ url: String) throws -> FetchResponse {
        var request = FetchRequest(url: url)
        request.allowFileURL = URLResolver.scheme(of: url) == "file"
        // The owner asked for this URL by hand: it may well be on their own network. A redirect elsewhere is
        // the server's choice, not theirs, and is guarded as any feed's.
        request.allowPrivateRequestHost = true
        return try FeedFetcher().fetchOnce(request).requireSuccess(url: url)
    }

    /// The `file://` URL of a path, absolute and percent-encoded.
    static func fileURL(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.absoluteString
    }
}

struct SourceError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
