import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Dispatch sources watching one of libcurl's sockets, through a duplicate descriptor that this object owns.
///
/// libcurl closes its sockets itself, sometimes before it reports `CURL_POLL_REMOVE` (its resolver's socketpair
/// is closed inside the call that then reuses the number for the connection). A source watching libcurl's
/// descriptor directly could then outlive the file it was registered for, and the reused number would confuse
/// the event loop. So the sources watch a `dup` of the socket: its number stays ours until both sources are
/// cancelled, and only then is it closed. Confined to the multi driver's queue.
final class SocketWatch {
    /// libcurl's descriptor, the one to name in `curl_multi_socket_action`.
    let curlSocket: Int32
    /// The duplicate the sources are registered for; closed once the watch is retired and both are cancelled.
    let watchedDescriptor: Int32
    private let device: UInt64
    private let inode: UInt64

    var readSource: DispatchSourceRead?
    var writeSource: DispatchSourceWrite?
    /// Sources cancelled whose cancel handlers have not run yet.
    var pendingCancellations = 0
    /// Set when libcurl no longer wants this socket watched; the duplicate is closed once nothing refers to it.
    var isRetired = false
    private var isClosed = false

    /// Duplicates `curlSocket`; nil if the process is out of descriptors.
    init?(curlSocket: Int32) {
        let duplicate = fcntl(curlSocket, F_DUPFD_CLOEXEC, 0)
        guard duplicate >= 0 else {
            return nil
        }
        guard let identity = Self.identity(of: duplicate) else {
            close(duplicate)
            return nil
        }
        self.curlSocket = curlSocket
        self.watchedDescriptor = duplicate
        (device, inode) = identity
    }

    /// Whether libcurl's descriptor still names the socket this watch was made for (and not a reused number).
    func isStillWatching(_ descriptor: Int32) -> Bool {
        guard descriptor == curlSocket, let identity = Self.identity(of: descriptor) else {
            return false
        }
        return identity.device == device && identity.inode == inode
    }

    /// Closes the duplicate when the watch is retired and no source still uses it; true once closed.
    func closeIfUnused() -> Bool {
        guard !isClosed && isRetired && pendingCancellations == 0 && readSource == nil && writeSource == nil else {
            return false
        }
        isClosed = true
        close(watchedDescriptor)
        return true
    }

    private static func identity(of descriptor: Int32) -> (device: UInt64, inode: UInt64)? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return nil
        }
        return (UInt64(status.st_dev), UInt64(status.st_ino))
    }
}
