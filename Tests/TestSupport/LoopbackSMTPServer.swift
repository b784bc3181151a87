import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal SMTP server on 127.0.0.1 for tests: accepts mail and records it, one connection at a time.
///
/// It listens on an ephemeral port (`port`, `url`) and serves on its own background thread: a 220 greeting, EHLO
/// (advertising `AUTH PLAIN LOGIN` unless `auth` is `.none`), HELO, AUTH PLAIN and LOGIN (initial response or
/// after a 334), MAIL FROM, RCPT TO, DATA until "\r\n.\r\n" with dot-stuffing undone, RSET, NOOP and QUIT. It never
/// offers STARTTLS. `auth: .reject` answers 535 to every AUTH; an address in `rejectedRecipients` gets 550 at
/// RCPT. What clients sent is recorded thread-safely: `receivedMails`, `receivedLogins`, `receivedCommands`.
/// It is bounded: each connection gets a few seconds, and the thread exits by itself after `lifetime`. Call
/// `stop()` when done (`defer { server.stop() }`); releasing the server stops it too.
public final class LoopbackSMTPServer: Sendable {
    /// Whether and how the server offers SMTP AUTH.
    public enum Auth: Sendable {
        /// No AUTH in the EHLO reply; an AUTH command gets 502.
        case none
        /// Offers PLAIN and LOGIN and accepts any credentials (235).
        case accept
        /// Offers PLAIN and LOGIN and refuses every attempt (535).
        case reject
    }

    /// One mail as the server received it.
    public struct ReceivedMail: Sendable {
        /// The MAIL FROM address, without angle brackets.
        public var sender: String
        /// The accepted RCPT TO addresses, without angle brackets, in order.
        public var recipients: [String]
        /// The message after DATA, dot-stuffing undone, without the terminating ".": CRLF line endings.
        public var message: [UInt8]
        /// The credentials the connection authenticated with, if it did.
        public var login: Login?

        /// The message as text.
        public var messageText: String {
            String(decoding: message, as: UTF8.self)
        }
    }

    /// Credentials of one AUTH attempt.
    public struct Login: Sendable, Equatable {
        public var mechanism: String
        public var user: String
        public var password: String

        public init(mechanism: String, user: String, password: String) {
            self.mechanism = mechanism
            self.user = user
            self.password = password
        }
    }

    public typealias SocketError = LoopbackListener.SocketError

    /// The port the server listens on, on 127.0.0.1.
    public let port: UInt16
    /// The state the serving thread shares with the server object; the thread holds only this, so that releasing
    /// the server can stop it.
    private let core: Core

    /// Starts listening and serving; `lifetime` bounds how long the thread lives if `stop()` is never called.
    public init(auth: Auth = .none, rejectedRecipients: Set<String> = [], lifetime: Duration = .seconds(30)) throws {
        let (listener, boundPort) = try LoopbackListener.open()
        port = boundPort
        let core = Core(listener: listener, auth: auth, rejectedRecipients: rejectedRecipients)
        self.core = core
        let deadline = ContinuousClock.now + lifetime
        let thread = Thread {
            core.serve(until: deadline)
        }
        thread.name = "LoopbackSMTPServer:\(port)"
        thread.start()
    }

    deinit {
        core.stop()
    }

    /// `smtp://127.0.0.1:PORT`, with `user@` when a user is given.
    public func url(user: String? = nil) -> URL {
        let userPart = user.map { $0 + "@" } ?? ""
        return URL(string: "smtp://\(userPart)127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// Every mail accepted so far, in order.
    public var receivedMails: [ReceivedMail] {
        core.state.withLock { $0.mails }
    }

    /// Every AUTH attempt so far, accepted or not, in order.
    public var receivedLogins: [Login] {
        core.state.withLock { $0.logins }
    }

    /// Every command line received so far (AUTH payloads and message lines excluded), in order.
    public var receivedCommands: [String] {
        core.state.withLock { $0.commands }
    }

    /// Stops serving and waits (a few seconds at most) until the thread has closed its sockets.
    public func stop() {
        core.stop()
    }

    /// A port on 127.0.0.1 that nothing listens on (bound once, then closed), for connection-refused tests.
    public static func unusedPort() throws -> UInt16 {
        let server = try LoopbackSMTPServer(lifetime: .zero)
        let port = server.port
        server.stop()
        return port
    }
}

extension LoopbackSMTPServer {
    fileprivate struct State {
        var mails: [ReceivedMail] = []
        var logins: [Login] = []
        var commands: [String] = []
        var stopping = false
    }

    /// The listener, the configuration and the recorded state; the serving thread owns the sockets.
    fileprivate final class Core: Sendable {
        let state = Mutex(State())
        private let listener: Int32
        private let auth: Auth
        private let rejectedRecipients: Set<String>
        private let finished = DispatchSemaphore(value: 0)
        /// The largest line or message accepted, so that a runaway client cannot exhaust memory.
        private let maximumBytes = 16 * 1024 * 1024

        init(listener: Int32, auth: Auth, rejectedRecipients: Set<String>) {
            self.listener = listener
            self.auth = auth
            self.rejectedRecipients = rejectedRecipients
        }

        /// Asks the thread to stop and waits for it; later calls return at once.
        func stop() {
            let first = state.withLock { state in
                defer { state.stopping = true }
                return !state.stopping
            }
            if first {
                _ = finished.wait(timeout: .now() + 5)
            }
        }

        private var isStopping: Bool {
            state.withLock { $0.stopping }
        }

        func serve(until deadline: ContinuousClock.Instant) {
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
                _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
                var session = Session(connection: connection, deadline: min(deadline, .now + .seconds(10)))
                converse(&session)
                close(connection)
            }
        }

        // MARK: - The SMTP dialogue (on the server's thread)

        /// One connection's reading buffer and SMTP state.
        private struct Session {
            let connection: Int32
            let deadline: ContinuousClock.Instant
            var buffer: [UInt8] = []
            var login: Login?
            var sender: String?
            var recipients: [String] = []
        }

        private func converse(_ session: inout Session) {
            guard reply("220 127.0.0.1 ESMTP loopback test server", &session) else {
                return
            }
            while let line = readLine(&session) {
                let text = String(decoding: line, as: UTF8.self)
                let verb = text.prefix { $0 != " " }.uppercased()
                let argument = String(text.drop { $0 != " " }.dropFirst())
                // An AUTH line is recorded without its credentials.
                let recorded = verb == "AUTH" ? "AUTH " + (argument.split(separator: " ").first ?? "") : text
                state.withLock { $0.commands.append(recorded) }
                let answered: Bool
                switch verb {
                case "EHLO":
                    var lines = ["250-127.0.0.1 greets \(argument)", "250-8BITMIME", "250-SIZE 16777216"]
                    if auth != .none {
                        lines.append("250-AUTH PLAIN LOGIN")
                    }
                    lines.append("250 HELP")
                    answered = reply(lines.joined(separator: "\r\n"), &session)
                case "HELO":
                    answered = reply("250 127.0.0.1", &session)
                case "AUTH":
                    answered = authenticate(argument, &session)
                case "MAIL":
                    session.sender = Self.address(in: argument)
                    session.recipients = []
                    answered = reply("250 2.1.0 Ok", &session)
                case "RCPT":
                    answered = addRecipient(argument, &session)
                case "DATA":
                    answered = receiveData(&session)
                case "RSET":
                    session.sender = nil
                    session.recipients = []
                    answered = reply("250 2.0.0 Ok", &session)
                case "NOOP":
                    answered = reply("250 2.0.0 Ok", &session)
                case "QUIT":
                    _ = reply("221 2.0.0 Bye", &session)
                    return
                default:
                    answered = reply("502 5.5.2 Command not recognized", &session)
                }
                guard answered else {
                    return
                }
            }
        }

        private func authenticate(_ argument: String, _ session: inout Session) -> Bool {
            guard auth != .none else {
                return reply("502 5.5.1 AUTH not offered", &session)
            }
            let parts = argument.split(separator: " ").map(String.init)
            let mechanism = parts.first?.uppercased() ?? ""
            var login: Login
            switch mechanism {
            case "PLAIN":
                var response = parts.count > 1 ? parts[1] : nil
                if response == nil {
                    guard reply("334 ", &session), let line = readLine(&session) else {
                        return false
                    }
                    response = String(decoding: line, as: UTF8.self)
                }
                // authzid NUL authcid NUL passwd
                let fields = Self.decodeBase64(response ?? "").split(separator: 0, omittingEmptySubsequences: false)
                guard fields.count == 3 else {
                    return reply("501 5.5.2 Malformed AUTH PLAIN", &session)
                }
                login = Login(
                    mechanism: "PLAIN",
                    user: String(decoding: fields[1], as: UTF8.self),
                    password: String(decoding: fields[2], as: UTF8.self))
            case "LOGIN":
                var user = parts.count > 1 ? parts[1] : nil
                if user == nil {
                    guard reply("334 VXNlcm5hbWU6", &session), let line = readLine(&session) else {
                        return false
                    }
                    user = String(decoding: line, as: UTF8.self)
                }
                guard reply("334 UGFzc3dvcmQ6", &session), let password = readLine(&session) else {
                    return false
                }
                login = Login(
                    mechanism: "LOGIN",
                    user: String(decoding: Self.decodeBase64(user ?? ""), as: UTF8.self),
                    password: String(
                        decoding: Self.decodeBase64(String(decoding: password, as: UTF8.self)), as: UTF8.self))
            default:
                return reply("504 5.5.4 Unrecognized authentication type", &session)
            }
            state.withLock { $0.logins.append(login) }
            guard auth == .accept else {
                return reply("535 5.7.8 Authentication credentials invalid", &session)
            }
            session.login = login
            return reply("235 2.7.0 Authentication successful", &session)
        }

        private func addRecipient(_ argument: String, _ session: inout Session) -> Bool {
            guard session.sender != nil else {
                return reply("503 5.5.1 Need MAIL first", &session)
            }
            let recipient = Self.address(in: argument)
            guard !rejectedRecipients.contains(recipient) else {
                return reply("550 5.1.1 <\(recipient)>: Recipient address rejected", &session)
            }
            session.recipients.append(recipient)
            return reply("250 2.1.5 Ok", &session)
        }

        private func receiveData(_ session: inout Session) -> Bool {
            guard let sender = session.sender, !session.recipients.isEmpty else {
                return reply("503 5.5.1 No valid recipients", &session)
            }
            guard reply("354 End data with <CR><LF>.<CR><LF>", &session) else {
                return false
            }
            var message: [UInt8] = []
            while true {
                guard var line = readLine(&session) else {
                    return false
                }
                if line == [UInt8(ascii: ".")] {
                    break
                }
                if line.first == UInt8(ascii: ".") {
                    line.removeFirst()
                }
                message.append(contentsOf: line)
                message.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
                guard message.count <= maximumBytes else {
                    return false
                }
            }
            let mail = ReceivedMail(
                sender: sender, recipients: session.recipients, message: message, login: session.login)
            state.withLock { $0.mails.append(mail) }
            session.sender = nil
            session.recipients = []
            return reply("250 2.0.0 Ok: queued", &session)
        }

        /// The address inside the first "<…>" of `FROM:<a> SIZE=1`, or the text after the colon.
        private static func address(in argument: String) -> String {
            if let open = argument.firstIndex(of: "<"), let close = argument[open...].firstIndex(of: ">") {
                return String(argument[argument.index(after: open)..<close])
            }
            let value = argument.drop { $0 != ":" }.dropFirst()
            return value.trimmingCharacters(in: .whitespaces)
        }

        private static func decodeBase64(_ text: String) -> [UInt8] {
            Data(base64Encoded: text.trimmingCharacters(in: .whitespaces)).map { [UInt8]($0) } ?? []
        }

        // MARK: - Socket I/O

        /// The next line without its CRLF (a bare LF ends a line too); nil when the client is gone, the line is
        /// too long, the deadline passed or the server stops.
        private func readLine(_ session: inout Session) -> [UInt8]? {
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                if let newline = session.buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    var line = Array(session.buffer[..<newline])
                    session.buffer.removeSubrange(...newline)
                    if line.last == UInt8(ascii: "\r") {
                        line.removeLast()
                    }
                    return line
                }
                let remaining = session.deadline - ContinuousClock.now
                guard remaining > .zero && !isStopping && session.buffer.count <= maximumBytes else {
                    return nil
                }
                // In slices, so that `stop()` need not wait for an idle connection's deadline.
                guard wait(for: session.connection, events: Int16(POLLIN), milliseconds: 50) else {
                    continue
                }
                let count = recv(session.connection, &chunk, chunk.count, 0)
                guard count > 0 else {
                    return nil
                }
                session.buffer.append(contentsOf: chunk[..<count])
            }
        }

        /// Sends `text` plus CRLF; false once the client is gone.
        private func reply(_ text: String, _ session: inout Session) -> Bool {
            let bytes = Array((text + "\r\n").utf8)
            var offset = 0
            while offset < bytes.count {
                guard ContinuousClock.now < session.deadline,
                    wait(for: session.connection, events: Int16(POLLOUT), milliseconds: 1000)
                else {
                    return false
                }
                let written = bytes[offset...].withUnsafeBytes { raw in
                    send(session.connection, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
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
            return poll(&entry, 1, milliseconds) > 0
                && entry.revents & (events | Int16(POLLERR) | Int16(POLLHUP)) != 0
        }
    }
}
