import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 for tests: canned responses routed by path, one connection at a time.
///
/// It listens on an ephemeral port (`port`), serves on its own background thread, answers every request with
/// `Connection: close`, and records what it received (`receivedRequests`) so tests can check the headers and body a
/// client sent. With `concurrent: true` each connection gets its own thread instead, and the server records how many
/// responses were in progress at once (`maxConcurrentResponses`), to check a client's concurrency caps. With
/// `keepAlive: true` a connection serves requests until the client closes it (`acceptedConnections` then tells
/// whether a client reused its connections). Unknown paths get 404. It is bounded: each connection gets a few seconds, endless bodies stop after
/// `endlessBodyLimit` bytes, and the thread exits by itself after `lifetime` if nobody calls `stop()`.
/// Call `stop()` when done (`defer { server.stop() }`); it returns once the thread has closed its sockets.
public final class LoopbackHTTPServer: Sendable {
    /// A canned response.
    public struct Response: Sendable {
        /// How the body is sent.
        public enum Delivery: Sendable {
            /// All at once, with a Content-Length.
            case whole
            /// `chunkSize` bytes every `interval`, with a Content-Length for the whole body.
            case trickle(chunkSize: Int, interval: Duration)
            /// The status line at once, then the rest of the head one byte every `interval`, then the body whole:
            /// a server that trickles its headers.
            case trickleHead(interval: Duration)
            /// The body repeated without end (no Content-Length) until the client hangs up.
            case endless
        }

        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]
        public var delivery: Delivery

        public init(
            status: Int = 200,
            headers: [(name: String, value: String)] = [],
            body: [UInt8] = [],
            delivery: Delivery = .whole
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delivery = delivery
        }

        /// A 200 with a text body.
        public static func ok(_ body: String, contentType: String = "application/rss+xml") -> Response {
            Response(headers: [("Content-Type", contentType)], body: Array(body.utf8))
        }

        /// A redirect to `location` (absolute, or a path on this server).
        public static func redirect(_ status: Int, to location: String) -> Response {
            Response(status: status, headers: [("Location", location)])
        }

        /// A 200 whose body is `body` gzip-compressed, sent with `Content-Encoding: gzip`.
        public static func gzipped(_ body: [UInt8], contentType: String = "application/rss+xml") throws -> Response {
            Response(
                headers: [("Content-Type", contentType), ("Content-Encoding", "gzip")],
                body: try Gzip.compress(body)
            )
        }
    }

    /// One request as the server parsed it.
    public struct ReceivedRequest: Sendable {
        public var method: String
        public var target: String
        public var headers: [(name: String, value: String)]
        /// The body, read by its Content-Length (empty without one: chunked bodies are not read).
        public var body: [UInt8] = []

        /// The first header with this name, compared case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    public typealias SocketError = LoopbackListener.SocketError

    private struct State {
        var routes: [String: Response]
        var requests: [ReceivedRequest] = []
        var stopping = false
        /// Connections accepted and not yet closed.
        var openConnections = 0
        var acceptedConnections = 0
        /// Responses between reading their request and sending their last byte, overall and per `Host` header.
        var activeResponses = 0
        var maxActiveResponses = 0
        var activeResponsesByHost: [String: Int] = [:]
        var maxActiveResponsesByHost: [String: Int] = [:]
    }

    /// The port the server listens on, on 127.0.0.1.
    public let port: UInt16
    /// The most body bytes an `.endless` response sends before giving up on the client.
    public let endlessBodyLimit = 256 * 1024 * 1024
    private let listener: Int32
    private let state: Mutex<State>
    private let finished = DispatchSemaphore(value: 0)
    private let concurrent: Bool
    private let keepAlive: Bool
    /// Entered by each connection thread of a concurrent server, so `stop()` can wait for them.
    private let connectionThreads = DispatchGroup()

    /// Starts listening and serving; `lifetime` bounds how long the thread lives if `stop()` is never called.
    ///
    /// - Parameters:
    ///   - concurrent: serve each connection on its own thread rather than one after the other.
    ///   - keepAlive: answer with `Connection: keep-alive` and serve further requests on the connection.
    public init(
        routes: [String: Response] = [:],
        lifetime: Duration = .seconds(30),
        concurrent: Bool = false,
        keepAlive: Bool = false
    ) throws {
        state = Mutex(State(routes: routes))
        self.concurrent = concurrent
        self.keepAlive = keepAlive
        let (listener, boundPort) = try LoopbackListener.open()
        self.listener = listener
        self.port = boundPort
        let deadline = ContinuousClock.now + lifetime
        let thread = Thread { [self] in
            serve(until: deadline)
        }
        thread.name = "LoopbackHTTPServer:\(port)"
        thread.start()
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    public func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// Adds or replaces the response for `path` (matched against the request target, query included, then without
    /// the query).
    public func setRoute(_ path: String, _ response: Response) {
        state.withLock { $0.routes[path] = response }
    }

    /// Every request received so far, in order.
    public var receivedRequests: [ReceivedRequest] {
        state.withLock { $0.requests }
    }

    /// The most responses in progress at once so far: from reading the request to sending the last body byte.
    ///
    /// A client cannot have had fewer transfers in flight at that moment, because a transfer ends only after its
    /// last byte was sent; so this never overstates the client's concurrency.
    public var maxConcurrentResponses: Int {
        state.withLock { $0.maxActiveResponses }
    }

    /// `maxConcurrentResponses` counted only for requests whose `Host` header is `host` (e.g. "127.0.0.1:8080").
    public func maxConcurrentResponses(host: String) -> Int {
        state.withLock { $0.maxActiveResponsesByHost[host, default: 0] }
    }

    /// The `Host` headers seen so far, each once.
    public var receivedHosts: Set<String> {
        state.withLock { Set($0.requests.compactMap { $0.header("Host") }) }
    }

    /// Connections accepted and not yet closed by the server.
    public var openConnections: Int {
        state.withLock { $0.openConnections }
    }

    /// Connections accepted so far.
    public var acceptedConnections: Int {
        state.withLock { $0.acceptedConnections }
    }

    /// Stops serving and waits (a few seconds at most) until the thread has closed its sockets.
    public func stop() {
        state.withLock { $0.stopping = true }
        _ = finished.wait(timeout: .now() + 5)
        _ = connectionThreads.wait(timeout: .now() + 5)
    }

    /// A port on 127.0.0.1 that nothing listens on (bound once, then closed), for connection-refused tests.
    public static func unusedPort() throws -> UInt16 {
        let server = try LoopbackHTTPServer(lifetime: .zero)
        let port = server.port
        server.stop()
        return port
    }

    // MARK: - Serving (on the server's thread)

    private var isStopping: Bool {
        state.withLock { $0.stopping }
    }

    private func serve(until deadline: ContinuousClock.Instant) {
        defer {
            close(listener)
            finished.signal()
        }
        while !isStopping && ContinuousClock.now < deadline {
            guard wait(for: listener, events: Int16(POLLIN), milliseconds: 20) else {
                continue
            }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                continue
            }
            // Keep the connection out of processes a test spawns (gzip), or its close would not reach the client.
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            // A response's last byte goes out in a send of its own; Nagle would hold it for the client's delayed ACK.
            var noDelay: Int32 = 1
            _ = setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            // Long enough for a keep-alive connection to serve a whole test on a loaded machine.
            let connectionDeadline = min(deadline, ContinuousClock.now + .seconds(30))
            state.withLock { state in
                state.openConnections += 1
                state.acceptedConnections += 1
            }
            guard concurrent else {
                handle(connection, deadline: connectionDeadline)
                close(connection)
                state.withLock { $0.openConnections -= 1 }
                continue
            }
            connectionThreads.enter()
            let thread = Thread { [self] in
                handle(connection, deadline: connectionDeadline)
                close(connection)
                state.withLock { $0.openConnections -= 1 }
                connectionThreads.leave()
            }
            thread.name = "LoopbackHTTPServer:\(port):connection"
            thread.start()
        }
    }

    private func handle(_ connection: Int32, deadline: ContinuousClock.Instant) {
        while respond(on: connection, deadline: deadline) && keepAlive {
        }
    }

    /// Reads one request and answers it; true when the response went out whole and the connection may go on.
    private func respond(on connection: Int32, deadline: ContinuousClock.Instant) -> Bool {
        guard let request = readRequest(connection, deadline: deadline) else {
            return false
        }
        let host = request.header("Host") ?? ""
        let response = state.withLock { state -> Response in
            state.requests.append(request)
            state.activeResponses += 1
            state.maxActiveResponses = max(state.maxActiveResponses, state.activeResponses)
            let forHost = state.activeResponsesByHost[host, default: 0] + 1
            state.activeResponsesByHost[host] = forHost
            state.maxActiveResponsesByHost[host] = max(state.maxActiveResponsesByHost[host, default: 0], forHost)
            let path = String(request.target.prefix { $0 != "?" })
            return state.routes[request.target] ?? state.routes[path]
                ?? Response(status: 404, headers: [("Content-Type", "text/plain")], body: Array("not found\n".utf8))
        }
        // The count must end before the client can see the last byte: from then on it may finish this transfer
        // and start its next, and a count ended later would overstate the client's concurrency.
        var counted = true
        func endCount() {
            guard counted else {
                return
            }
            counted = false
            state.withLock { state in
                state.activeResponses -= 1
                state.activeResponsesByHost[host, default: 1] -= 1
            }
        }
        defer { endCount() }
        /// Sends `bytes`, ending the count just before the last one goes out.
        func sendLast(_ bytes: ArraySlice<UInt8>) -> Bool {
            guard let last = bytes.last, sendAll(bytes.dropLast(), to: connection, deadline: deadline) else {
                endCount()
                return false
            }
            endCount()
            return sendAll([last][...], to: connection, deadline: deadline)
        }
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for header in response.headers {
            head += "\(header.name): \(header.value)\r\n"
        }
        let declaresLength = response.headers.contains { $0.name.lowercased() == "content-length" }
        var isEndless = false
        if case .endless = response.delivery {
            // The client ends an endless body whenever it likes, so it is never counted.
            isEndless = true
            endCount()
        } else if !declaresLength {
            head += "Content-Length: \(response.body.count)\r\n"
        }
        head += keepAlive && !isEndless ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        if case .trickleHead(let interval) = response.delivery {
            let headBytes = Array(head.utf8)
            let statusLineEnd = headBytes.firstRange(of: Array("\r\n".utf8))?.upperBound ?? headBytes.count
            guard sendAll(headBytes[..<statusLineEnd], to: connection, deadline: deadline) else {
                return false
            }
            for index in statusLineEnd..<headBytes.count {
                Self.sleep(interval)
                guard !isStopping, sendAll(headBytes[index...index], to: connection, deadline: deadline) else {
                    return false
                }
            }
            return sendLast(response.body[...])
        }
        if request.method == "HEAD" || response.body.isEmpty && !isEndless {
            return sendLast(Array(head.utf8)[...])
        }
        guard sendAll(Array(head.utf8)[...], to: connection, deadline: deadline) else {
            return false
        }
        switch response.delivery {
        case .whole:
            return sendLast(response.body[...])
        case .trickle(let chunkSize, let interval):
            var offset = 0
            while offset < response.body.count && !isStopping && ContinuousClock.now < deadline {
                let end = min(offset + max(1, chunkSize), response.body.count)
                guard end < response.body.count else {
                    return sendLast(response.body[offset..<end])
                }
                guard sendAll(response.body[offset..<end], to: connection, deadline: deadline) else {
                    return false
                }
                offset = end
                Self.sleep(interval)
            }
            return false
        case .trickleHead:
            return false  // sent above
        case .endless:
            let chunk = response.body.isEmpty ? [UInt8](repeating: UInt8(ascii: "x"), count: 16384) : response.body
            var sent = 0
            while sent < endlessBodyLimit && !isStopping && ContinuousClock.now < deadline {
                guard sendAll(chunk[...], to: connection, deadline: deadline) else {
                    return false
                }
                sent += chunk.count
            }
            return false
        }
    }

    /// The largest request body read; a test posts far less.
    private static let maxRequestBody = 16 * 1024 * 1024

    /// Reads the request head and the body its Content-Length declares; nil if the client sends nothing usable in
    /// time.
    private func readRequest(_ connection: Int32, deadline: ContinuousClock.Instant) -> ReceivedRequest? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        var head: ReceivedRequest?
        var bodyStart = 0
        var bodyLength = 0
        while head != nil || buffer.count < 65536 {
            if head == nil, let end = buffer.firstRange(of: terminator) {
                guard let parsed = Self.parseRequest(String(decoding: buffer[..<end.lowerBound], as: UTF8.self))
                else {
                    return nil
                }
                head = parsed
                bodyStart = end.upperBound
                bodyLength = max(0, min(Int(parsed.header("Content-Length") ?? "") ?? 0, Self.maxRequestBody))
            }
            if var request = head, buffer.count - bodyStart >= bodyLength {
                request.body = Array(buffer[bodyStart..<(bodyStart + bodyLength)])
                return request
            }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero && !isStopping else {
                return nil
            }
            // In slices, so that `stop()` need not wait for an idle keep-alive connection's deadline.
            let slice = min(50, Self.milliseconds(remaining))
            guard wait(for: connection, events: Int16(POLLIN), milliseconds: slice) else {
                continue
            }
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else {
                return nil
            }
            buffer.append(contentsOf: chunk[..<count])
        }
        return nil
    }

    private static func parseRequest(_ head: String) -> ReceivedRequest? {
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let requestLine = lines.first else {
            return nil
        }
        let parts = requestLine.split(separator: " ")
        guard parts.count == 3 else {
            return nil
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else {
                continue
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((String(line[..<colon]), value))
        }
        return ReceivedRequest(method: String(parts[0]), target: String(parts[1]), headers: headers)
    }

    /// Sends all of `bytes`; false once the client is gone or stops reading until the deadline.
    private func sendAll(_ bytes: ArraySlice<UInt8>, to connection: Int32, deadline: ContinuousClock.Instant) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero,
                wait(for: connection, events: Int16(POLLOUT), milliseconds: Self.milliseconds(remaining))
            else {
                return false
            }
            let written = bytes[offset...].withUnsafeBytes { raw in
                send(connection, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else {
                return false
            }
            offset += written
        }
        return true
    }

    private func wait(for descriptor: Int32, events: Int16, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        return poll(&entry, 1, milliseconds) > 0 && entry.revents & (events | Int16(POLLERR) | Int16(POLLHUP)) != 0
    }

    private static func sleep(_ interval: Duration) {
        Thread.sleep(
            forTimeInterval: Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18)
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
