internal import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One libcurl easy handle that sends one message over SMTP, with the recipient list and error buffer it needs.
///
/// It owns the `CURL*`, the recipient `curl_slist` and the error buffer, and frees them in `deinit`. libcurl gets an
/// unretained pointer to it for the read callback, so it must outlive `perform()`, which it does as a local of
/// `MailSender.send`. Not thread-safe: the thread that calls `perform()` owns it, and libcurl runs the read callback
/// on that thread.
final class SMTPTransfer {
    private let endpoint: SMTPEndpoint
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var recipientList: UnsafeMutablePointer<curl_slist>?
    /// Kept to scrub it from any message libcurl might echo; never shown.
    private let password: String?
    private let message: [UInt8]
    /// How much of `message` the read callback has handed to libcurl.
    private var sent = 0

    /// Configures a new easy handle; nothing is sent yet.
    ///
    /// - Parameters:
    ///   - sender: the bare envelope sender address.
    ///   - recipients: the bare envelope recipient addresses.
    ///   - credentials: user and password for SMTP AUTH, or nil to send without authentication.
    init(
        endpoint: SMTPEndpoint,
        sender: String,
        recipients: [String],
        credentials: (user: String, password: String)?,
        message: [UInt8]
    ) throws(MailError) {
        guard CurlGlobal.ensureInitialized() else {
            throw MailError(server: endpoint.server, kind: .other, detail: "libcurl could not be initialised")
        }
        guard let handle = curl_easy_init() else {
            throw MailError(server: endpoint.server, kind: .other, detail: "libcurl could not create a transfer")
        }
        self.endpoint = endpoint
        self.handle = handle
        self.password = credentials?.password
        self.message = message
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        // From here on deinit frees everything, also when configuring fails.
        try configure(sender: sender, recipients: recipients, credentials: credentials)
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(recipientList)
        errorBuffer.deallocate()
    }

    /// Runs the whole SMTP exchange on the calling thread, blocking until it ends.
    func perform() throws(MailError) {
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            throw error(for: code)
        }
    }

    // MARK: - Configuration

    private func configure(
        sender: String,
        recipients: [String],
        credentials: (user: String, password: String)?
    ) throws(MailError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        try setLong(CURLOPT_NOSIGNAL, 1, "NOSIGNAL")
        try check(ccurl_easy_setopt_string(handle, CURLOPT_URL, endpoint.curlURL), "URL")
        try check(ccurl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps"), "PROTOCOLS_STR")
        if endpoint.isImplicitTLS || (credentials != nil && !endpoint.isLoopback) {
            // A password never crosses a network in the clear: a server (or an attacker in between) that does not
            // offer STARTTLS gets nothing.
            try setLong(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue), "USE_SSL")
        } else {
            // STARTTLS when the server offers it; without a password, or to this machine's own relay, a server
            // that does not gets the mail in the clear.
            try setLong(CURLOPT_USE_SSL, Int(CURLUSESSL_TRY.rawValue), "USE_SSL")
        }
        try setLong(CURLOPT_CONNECTTIMEOUT_MS, 10_000, "CONNECTTIMEOUT_MS")
        try setLong(CURLOPT_TIMEOUT_MS, 60_000, "TIMEOUT_MS")

        if let credentials {
            try check(ccurl_easy_setopt_string(handle, CURLOPT_USERNAME, credentials.user), "USERNAME")
            try check(ccurl_easy_setopt_string(handle, CURLOPT_PASSWORD, credentials.password), "PASSWORD")
        }
        try check(ccurl_easy_setopt_string(handle, CURLOPT_MAIL_FROM, "<" + sender + ">"), "MAIL_FROM")
        guard CurlStringList.append(recipients.map { "<" + $0 + ">" }, to: &recipientList) else {
            throw MailError(server: endpoint.server, kind: .other, detail: "out of memory")
        }
        try check(ccurl_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipientList), "MAIL_RCPT")

        try setLong(CURLOPT_UPLOAD, 1, "UPLOAD")
        try check(ccurl_easy_setopt_off(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count)), "INFILESIZE")
        try check(
            ccurl_easy_setopt_data_callback(handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
                guard let buffer, let context else {
                    return Int(CURL_READFUNC_ABORT)
                }
                let destination = UnsafeMutableRawBufferPointer(start: buffer, count: size * count)
                return Unmanaged<SMTPTransfer>.fromOpaque(context).takeUnretainedValue().read(into: destination)
            },
            "READFUNCTION"
        )
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_READDATA, context), "READDATA")
    }

    private func setLong(_ option: CURLoption, _ value: Int, _ name: String) throws(MailError) {
        try check(ccurl_easy_setopt_long(handle, option, value), name)
    }

    private func check(_ code: CURLcode, _ option: String) throws(MailError) {
        guard code == CURLE_OK else {
            let detail = "libcurl refused CURLOPT_\(option): \(String(cString: curl_easy_strerror(code)))"
            throw MailError(server: endpoint.server, kind: .other, detail: detail)
        }
    }

    // MARK: - Read callback (run by libcurl on the calling thread)

    /// Copies the next bytes of the message into libcurl's buffer; 0 tells it the message is complete.
    private func read(into destination: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(destination.count, message.count - sent)
        guard count > 0 else {
            return 0
        }
        message[sent..<(sent + count)].withUnsafeBytes { source in
            destination.copyMemory(from: source)
        }
        sent += count
        return count
    }

    // MARK: - Errors

    private func error(for code: CURLcode) -> MailError {
        var detail = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        if let password, !password.isEmpty, detail.contains(password) {
            detail = detail.replacingOccurrences(of: password, with: "***")
        }
        var reply = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        let responseCode = reply >= 400 ? reply : nil
        let kind: MailError.Kind
        switch code {
        case CURLE_LOGIN_DENIED:
            kind = .authentication
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            kind = .resolve
        case CURLE_COULDNT_CONNECT:
            kind = .connect
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timeout
        case CURLE_USE_SSL_FAILED, CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT:
            kind = .tls
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            kind = .invalidSettings
        default:
            // libcurl reports a refused MAIL FROM, RCPT TO or DATA as a send error or a weird reply; the reply
            // code tells them from a lost connection.
            kind = responseCode != nil ? .rejected : .other
        }
        return MailError(server: endpoint.server, kind: kind, detail: detail, responseCode: responseCode)
    }
}
