internal import CCurl
import Dispatch
import Logging

/// One libcurl multi handle driven by Dispatch, with the admission queue that feeds it.
///
/// Everything runs on `queue`, a serial queue this object owns: every method but `init` must be called there
/// (they assert it), Dispatch delivers the socket and timer events there, and libcurl runs its callbacks there,
/// inside the curl calls made from those events. A callback never calls libcurl; it only adjusts Dispatch
/// sources, and the events those sources deliver later (asynchronously, on `queue`) make the next curl call.
/// libcurl holds an unretained pointer to this object, so it must stay alive until `shutdown()` has run, which
/// frees the multi handle; `MultiFetcher` guarantees that by scheduling `shutdown()` from its `deinit`.
final class CurlMultiDriver: @unchecked Sendable {
    typealias Completion = @Sendable (Result<FetchResponse, FetchError>) -> Void

    /// A request waiting for a slot.
    private struct Job {
        let request: FetchRequest
        let completion: Completion
    }

    /// A transfer added to the multi handle; the table holding it keeps the easy handle alive while attached.
    private struct Attached {
        let transfer: EasyTransfer
        let host: String
        let completion: Completion
    }

    /// The serial queue that owns this object and the multi handle.
    let queue: DispatchQueue
    private let logger: Logger
    private var multi: UnsafeMutableRawPointer?
    /// Why there is no multi handle, when libcurl could not make one; every fetch then fails with it.
    private var setupFailure: String?
    private var admission: AdmissionQueue<Job>
    /// Keyed by easy handle, as `CURLMsg` names it.
    private var attached: [UnsafeMutableRawPointer: Attached] = [:]
    /// Keyed by libcurl's socket descriptor.
    private var sockets: [Int32: SocketWatch] = [:]
    /// The one-shot timer libcurl asks for through its timer callback; rescheduled, never recreated.
    private let timer: DispatchSourceTimer
    private var isShutDown = false
    /// Set once a transfer that may connect to private addresses has run; see `start(_:host:)`.
    private var hasAllowedPrivateAddresses = false

    /// Creates the multi handle and its timer; `concurrency` and `perHost` below 1 count as 1.
    init(concurrency: Int, perHost: Int, logger: Logger) {
        queue = DispatchQueue(label: "feedd.fetch.multi")
        timer = DispatchSource.makeTimerSource(queue: queue)
        self.logger = logger
        admission = AdmissionQueue(concurrency: concurrency, perHost: perHost)
        if !CurlGlobal.ensureInitialized() {
            setupFailure = "libcurl could not be initialised"
        } else if let multi = curl_multi_init() {
            self.multi = multi
            configure(multi)
        } else {
            setupFailure = "libcurl could not create a multi handle"
        }
        timer.setEventHandler { [self] in
            socketAction(CURL_SOCKET_TIMEOUT, events: 0)
        }
        timer.schedule(deadline: .distantFuture)
        timer.resume()
    }

    private func configure(_ multi: UnsafeMutableRawPointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        var codes: [CURLMcode] = []
        codes.append(
            ccurl_multi_setopt_socket_callback(multi) { _, socket, what, context, _ in
                guard let context else {
                    return -1
                }
                return Unmanaged<CurlMultiDriver>.fromOpaque(context).takeUnretainedValue()
                    .socketChanged(socket, what: what)
            })
        codes.append(ccurl_multi_setopt_pointer(multi, CURLMOPT_SOCKETDATA, context))
        codes.append(
            ccurl_multi_setopt_timer_callback(multi) { _, timeout, context in
                guard let context else {
                    return -1
                }
                return Unmanaged<CurlMultiDriver>.fromOpaque(context).takeUnretainedValue().timerChanged(timeout)
            })
        codes.append(ccurl_multi_setopt_pointer(multi, CURLMOPT_TIMERDATA, context))
        // libcurl's own per-host limit backs up the admission queue's for redirects to another host; the cache
        // keeps about one idle connection per slot so a cycle's later requests to a host reuse it.
        codes.append(ccurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, admission.perHost))
        codes.append(ccurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(admission.concurrency, 4)))
        codes.append(ccurl_multi_setopt_long(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX))
        for code in codes where code != CURLM_OK {
            // Only the limits can be refused (by an old libcurl); fetching still works without them.
            logger.warning("libcurl refused a multi option", metadata: ["error": "\(Self.describe(code))"])
        }
    }

    // MARK: - Requests

    /// Queues a request and starts whatever the caps allow; the completion runs on `queue`.
    func submit(_ request: FetchRequest, completion: @escaping Completion) {
        dispatchPrecondition(condition: .onQueue(queue))
        if let failure = unavailableReason {
            completion(.failure(FetchError(url: request.url, kind: .other(message: failure))))
            return
        }
        admission.enqueue(Job(request: request, completion: completion), host: Self.hostKey(of: request.url))
        startWaiting()
    }

    /// Fails every waiting and running request, frees the multi handle and stops all sources; later requests fail.
    func shutdown() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard !isShutDown else {
            return
        }
        isShutDown = true
        let message = "fetch cancelled: the fetcher was shut down"
        var failed: [(Completion, FetchError)] = admission.removeAllWaiting().map {
            ($0.completion, FetchError(url: $0.request.url, kind: .other(message: message)))
        }
        for (easy, entry) in attached {
            if let multi {
                curl_multi_remove_handle(multi, easy)
            }
            admission.finished(host: entry.host)
            let error = FetchError(url: entry.transfer.request.url, kind: .other(message: message))
            failed.append((entry.completion, error))
        }
        attached.removeAll()
        if let multi {
            // Closes the cached connections; libcurl may still call the socket callback here, so self stays valid.
            curl_multi_cleanup(multi)
            self.multi = nil
        }
        for watch in sockets.values {
            retire(watch)
        }
        sockets.removeAll()
        timer.cancel()
        if !failed.isEmpty {
            logger.debug("fetches cancelled by shutdown", metadata: ["count": "\(failed.count)"])
        }
        for (completion, error) in failed {
            completion(.failure(error))
        }
    }

    private var unavailableReason: String? {
        if isShutDown {
            return "fetch cancelled: the fetcher was shut down"
        }
        return setupFailure
    }

    /// Starts waiting requests while the caps allow.
    private func startWaiting() {
        while !isShutDown, let (job, host) = admission.next() {
            start(job, host: host)
        }
    }

    private func start(_ job: Job, host: String) {
        let transfer: EasyTransfer
        do {
            transfer = try EasyTransfer(request: job.request)
        } catch {
            admission.finished(host: host)
            job.completion(.failure(error))
            return
        }
        if job.request.allowPrivateAddresses || job.request.allowPrivateRequestHost {
            hasAllowedPrivateAddresses = true
        } else if hasAllowedPrivateAddresses {
            // A cached connection opened for a request that skipped the SSRF guard may lead to a private
            // address; reusing it would skip the guard for this request too.
            _ = ccurl_easy_setopt_long(transfer.handle, CURLOPT_FRESH_CONNECT, 1)
        }
        guard let multi else {
            admission.finished(host: host)
            let message = unavailableReason ?? "libcurl has no multi handle"
            job.completion(.failure(FetchError(url: job.request.url, kind: .other(message: message))))
            return
        }
        attached[transfer.handle] = Attached(transfer: transfer, host: host, completion: job.completion)
        let code = curl_multi_add_handle(multi, transfer.handle)
        guard code == CURLM_OK else {
            attached[transfer.handle] = nil
            admission.finished(host: host)
            let message = "libcurl could not start the transfer: \(Self.describe(code))"
            job.completion(.failure(FetchError(url: job.request.url, kind: .other(message: message))))
            return
        }
    }

    /// Detaches every finished transfer and hands its result to its completion.
    private func collectFinished() {
        guard let multi else {
            return
        }
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            // The message is freed by the next call that changes the multi handle: read it first.
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else {
                continue
            }
            let code = ccurl_message_result(message)
            guard let entry = attached.removeValue(forKey: easy) else {
                curl_multi_remove_handle(multi, easy)
                continue
            }
            let result = entry.transfer.complete(code)
            curl_multi_remove_handle(multi, easy)
            admission.finished(host: entry.host)
            switch entry.transfer.continuation() {
            case .success(let next):
                // The chain goes on without the origin's credentials, queued like any request for its host.
                logger.debug(
                    "redirect to another origin",
                    metadata: ["url": "\(entry.transfer.request.url)", "to": "\(next.url)"])
                admission.enqueue(Job(request: next, completion: entry.completion), host: Self.hostKey(of: next.url))
                continue
            case .failure(let error):
                entry.completion(.failure(error))
                continue
            case nil:
                break
            }
            switch result {
            case .success(let response):
                logger.debug(
                    "fetched",
                    metadata: [
                        "url": "\(entry.transfer.request.url)",
                        "status": "\(response.status)",
                        "final_url": "\(response.finalURL)",
                        "bytes": "\(response.body.count)",
                        "seconds": "\(response.timings.total)",
                    ]
                )
            case .failure(let error):
                logger.debug("fetch failed", metadata: ["url": "\(entry.transfer.request.url)", "error": "\(error)"])
            }
            entry.completion(result)
        }
    }

    // MARK: - Driving libcurl

    /// Tells libcurl about a socket event or an expired timer, then settles what it finished.
    private func socketAction(_ socket: curl_socket_t, events: Int32) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let multi else {
            return
        }
        var running: Int32 = 0
        let code = curl_multi_socket_action(multi, socket, events, &running)
        if code != CURLM_OK {
            logger.warning("libcurl multi action failed", metadata: ["error": "\(Self.describe(code))"])
        }
        collectFinished()
        startWaiting()
    }

    /// CURLMOPT_SOCKETFUNCTION: watch `socket` for what libcurl now wants, or stop watching it.
    private func socketChanged(_ socket: curl_socket_t, what: Int32) -> Int32 {
        dispatchPrecondition(condition: .onQueue(queue))
        if what == CURL_POLL_REMOVE {
            if let watch = sockets.removeValue(forKey: socket) {
                retire(watch)
            }
            return 0
        }
        var current = sockets[socket]
        if let watch = current, !watch.isStillWatching(socket) {
            // libcurl closed the socket and opened another under the same number without a REMOVE in between.
            sockets[socket] = nil
            retire(watch)
            current = nil
        }
        guard !isShutDown else {
            return 0
        }
        let watch: SocketWatch
        if let current {
            watch = current
        } else {
            guard let created = SocketWatch(curlSocket: socket) else {
                // Out of descriptors: the transfer cannot be watched and ends at its timeout.
                logger.error("cannot watch a libcurl socket", metadata: ["socket": "\(socket)"])
                return 0
            }
            sockets[socket] = created
            watch = created
        }
        let wantsRead = what == CURL_POLL_IN || what == CURL_POLL_INOUT
        let wantsWrite = what == CURL_POLL_OUT || what == CURL_POLL_INOUT
        if wantsRead, watch.readSource == nil {
            let source = DispatchSource.makeReadSource(fileDescriptor: watch.watchedDescriptor, queue: queue)
            source.setEventHandler { [self] in
                socketReady(watch, events: CURL_CSELECT_IN)
            }
            source.setCancelHandler { [self] in
                sourceCancelled(watch)
            }
            watch.readSource = source
            source.resume()
        } else if !wantsRead, let source = watch.readSource {
            watch.readSource = nil
            cancel(source, of: watch)
        }
        if wantsWrite, watch.writeSource == nil {
            let source = DispatchSource.makeWriteSource(fileDescriptor: watch.watchedDescriptor, queue: queue)
            source.setEventHandler { [self] in
                socketReady(watch, events: CURL_CSELECT_OUT)
            }
            source.setCancelHandler { [self] in
                sourceCancelled(watch)
            }
            watch.writeSource = source
            source.resume()
        } else if !wantsWrite, let source = watch.writeSource {
            watch.writeSource = nil
            cancel(source, of: watch)
        }
        return 0
    }

    /// CURLMOPT_TIMERFUNCTION: (re)arm the one-shot timer, or disarm it for -1.
    private func timerChanged(_ milliseconds: Int) -> Int32 {
        dispatchPrecondition(condition: .onQueue(queue))
        if milliseconds < 0 {
            timer.schedule(deadline: .distantFuture)
        } else {
            // Also for 0: libcurl must not be called from inside its own callback, so the timer calls it next.
            timer.schedule(deadline: .now() + .milliseconds(milliseconds))
        }
        return 0
    }

    private func socketReady(_ watch: SocketWatch, events: Int32) {
        guard sockets[watch.curlSocket] === watch else {
            return
        }
        socketAction(watch.curlSocket, events: events)
    }

    private func cancel(_ source: any DispatchSourceProtocol, of watch: SocketWatch) {
        watch.pendingCancellations += 1
        source.cancel()
    }

    private func sourceCancelled(_ watch: SocketWatch) {
        watch.pendingCancellations -= 1
        _ = watch.closeIfUnused()
    }

    /// Stops watching: cancels the sources; the duplicate descriptor closes once both cancel handlers ran.
    private func retire(_ watch: SocketWatch) {
        watch.isRetired = true
        if let source = watch.readSource {
            watch.readSource = nil
            cancel(source, of: watch)
        }
        if let source = watch.writeSource {
            watch.writeSource = nil
            cancel(source, of: watch)
        }
        _ = watch.closeIfUnused()
    }

    // MARK: - Helpers

    /// The lower-cased host name of `url`, the key of the per-host cap; "" when it has none or does not parse.
    ///
    /// Ports do not count: two ports of one host share its cap, as a polite client should treat them.
    static func hostKey(of url: String) -> String {
        guard !url.utf8.contains(0), let parsed = curl_url() else {
            return ""
        }
        defer { curl_url_cleanup(parsed) }
        guard curl_url_set(parsed, CURLUPART_URL, url, UInt32(CURLU_NON_SUPPORT_SCHEME)) == CURLUE_OK else {
            return ""
        }
        var part: UnsafeMutablePointer<CChar>?
        guard curl_url_get(parsed, CURLUPART_HOST, &part, 0) == CURLUE_OK, let part else {
            return ""
        }
        defer { curl_free(part) }
        return String(cString: part).lowercased()
    }

    private static func describe(_ code: CURLMcode) -> String {
        curl_multi_strerror(code).map { String(cString: $0) } ?? "multi error \(code.rawValue)"
    }
}
