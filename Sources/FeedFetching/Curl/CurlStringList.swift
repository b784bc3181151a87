internal import CCurl

/// Building libcurl's `curl_slist` (request headers, mail recipients): the one place that appends to one.
///
/// The list belongs to the caller, which frees it with `curl_slist_free_all` after the transfer, since libcurl
/// reads it for every request the transfer makes, redirects included.
enum CurlStringList {
    /// Appends `strings` to `list` in order; false when libcurl ran out of memory (what was appended stays in the
    /// list, to be freed with it).
    static func append(_ strings: [String], to list: inout UnsafeMutablePointer<curl_slist>?) -> Bool {
        for string in strings {
            guard let appended = curl_slist_append(list, string) else { return false }
            list = appended
        }
        return true
    }
}
