internal import NIOCore
import Synchronization

/// Open connections per client address, so one address cannot take every connection the listener allows.
///
/// Shared by the handlers of every connection (`ConnectionLimitHandler`); thread-safe.
final class ConnectionLimit: Sendable {
    let perAddress: Int
    private let open = Mutex<[String: Int]>([:])

    init(perAddress: Int) {
        self.perAddress = perAddress
    }

    /// Counts a new connection from `address`; false (and not counted) when the address has `perAddress` open.
    /// Loopback is not limited: a reverse proxy on this host is every client at once.
    func admit(_ address: String) -> Bool {
        guard !Self.isLoopback(address) else { return true }
        return open.withLock { counts in
            let count = counts[address] ?? 0
            guard count < perAddress else { return false }
            counts[address] = count + 1
            return true
        }
    }

    /// Forgets a connection `admit` counted.
    func release(_ address: String) {
        guard !Self.isLoopback(address) else { return }
        open.withLock { counts in
            let count = (counts[address] ?? 1) - 1
            counts[address] = count > 0 ? count : nil
        }
    }
}

extension ConnectionLimit {
    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}

/// The first handler of each connection: closes it at once when its address has too many open already.
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let limit: ConnectionLimit
    private var admitted: String?

    init(limit: ConnectionLimit) {
        self.limit = limit
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        if limit.admit(address) {
            admitted = address
        } else {
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if let address = admitted {
            limit.release(address)
            admitted = nil
        }
    }
}
