internal import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libcurl's process-wide initialisation for sending mail, done once, on first use.
///
/// `curl_global_init` counts its calls, so this coexists with FeedFetching's own initialisation; this libcurl is
/// built thread-safe, so the two may race.
enum MailCurlGlobal {
    /// The result of the one `curl_global_init` call; Swift runs a static's initialiser exactly once.
    private static let initResult: CURLcode = {
        // With CURLOPT_NOSIGNAL libcurl no longer blocks SIGPIPE around its calls, and a write to a server that
        // hung up would kill the process; a daemon never wants that signal.
        signal(SIGPIPE, SIG_IGN)
        return curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    /// Initialises libcurl if nobody has yet; returns false if it cannot be initialised.
    static func ensureInitialized() -> Bool {
        initResult == CURLE_OK
    }
}
