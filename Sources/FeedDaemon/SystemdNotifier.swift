import Foundation
import Glibc

/// sd_notify(3) without libsystemd: one datagram per message to the socket in `$NOTIFY_SOCKET`.
///
/// Abstract sockets (a name starting with `@`) are supported. Without `$NOTIFY_SOCKET` (not started by systemd, or
/// `Type=` is not `notify`) every call does nothing.
public final class SystemdNotifier: Sendable {
    private let address: [UInt8]?
    /// Half the watchdog interval systemd asked for (`$WATCHDOG_USEC`), when it asked this process.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let path = environment["NOTIFY_SOCKET"], !path.isEmpty, path.utf8.count < 108 {
            var bytes = Array(path.utf8)
            if bytes.first == UInt8(ascii: "@") {
                bytes[0] = 0
            }
            address = bytes
        } else {
            address = nil
        }
        let pidMatches = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
        if pidMatches, let text = environment["WATCHDOG_USEC"], let micros = Int64(text), micros > 0 {
            watchdogInterval = .microseconds(micros / 2)
        } else {
            watchdogInterval = nil
        }
    }

    public var isActive: Bool { address != nil }

    /// Sends `state` ("READY=1", "STATUS=…", several lines joined by newlines); false when it could not be sent.
    @discardableResult
    public func notify(_ state: String) -> Bool {
        guard let address else { return false }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { buffer in
            buffer.copyBytes(from: address)
        }
        // An abstract name is exactly as long as given; a path is NUL-terminated inside sun_path.
        let length = MemoryLayout<sa_family_t>.size + address.count + (address.first == 0 ? 0 : 1)
        let sent = state.utf8CString.withUnsafeBufferPointer { text in
            withUnsafePointer(to: &socketAddress) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    sendto(
                        descriptor, text.baseAddress, text.count - 1, Int32(MSG_NOSIGNAL), generic,
                        socklen_t(length))
                }
            }
        }
        return sent >= 0
    }
}
