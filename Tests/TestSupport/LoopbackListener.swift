import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A listening TCP socket on 127.0.0.1 on a port the kernel picks: what every loopback test server starts from.
public enum LoopbackListener {
    /// A socket call that failed, with the system's words for why.
    public struct SocketError: Error, CustomStringConvertible {
        public var operation: String
        public var code: Int32
        public var description: String { "loopback server: \(operation) failed: \(String(cString: strerror(code)))" }
    }

    /// Opens the socket (close-on-exec, backlog 16); the caller owns the descriptor and closes it.
    public static func open() throws(SocketError) -> (descriptor: Int32, port: UInt16) {
        let socketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let listener = socket(AF_INET, socketType, 0)
        guard listener >= 0 else {
            throw SocketError(operation: "socket", code: errno)
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(listener, generic, length) == 0 && listen(listener, 16) == 0
                    && getsockname(listener, generic, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            close(listener)
            throw SocketError(operation: "bind/listen", code: code)
        }
        return (listener, UInt16(bigEndian: address.sin_port))
    }
}
