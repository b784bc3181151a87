internal import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libcurl's process-wide initialisation, done once, on first use, by whichever thread gets there first.
enum CurlGlobal {
    /// The result of the one `curl_global_init` call; Swift runs a static's initialiser exactly once.
    private static let initResult: CURLcode = {
        // With CURLOPT_NOSIGNAL libcurl no longer blocks SIGPIPE around its calls, and a TLS write to a peer that
        // hung up would kill the process; a daemon never wants that signal.
        signal(SIGPIPE, SIG_IGN)
        return curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    /// Initialises libcurl if nobody has yet; returns false if it cannot be initialised.
    static func ensureInitialized() -> Bool {
        initResult == CURLE_OK
    }
}
