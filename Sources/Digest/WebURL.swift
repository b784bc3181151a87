/// Decides which URLs the digest may link to or load: absolute http(s) URLs without spaces or control characters.
enum WebURL {
    /// `string` when it is safe to put in an href or src, else nil.
    static func checked(_ string: String?) -> String? {
        guard let string, isWeb(string) else { return nil }
        return string
    }

    static func isWeb(_ string: String) -> Bool {
        var utf8 = string.utf8.makeIterator()
        var prefix: [UInt8] = []
        prefix.reserveCapacity(8)
        // Lowercase the scheme and the slashes; "https://" is 8 bytes, "http://" 7.
        while prefix.count < 8, let byte = utf8.next() {
            prefix.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        let https = Array("https://".utf8)
        let http = Array("http://".utf8)
        let afterScheme: Int
        if prefix == https {
            afterScheme = 8
        } else if prefix.starts(with: http) {
            afterScheme = 7
        } else {
            return false
        }
        let bytes = string.utf8
        guard bytes.count > afterScheme else { return false }
        var index = 0
        for byte in bytes {
            // Spaces, controls and DEL never belong in a URL; a host must follow the slashes.
            if byte <= 0x20 || byte == 0x7F { return false }
            if index == afterScheme && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\")) { return false }
            index += 1
        }
        return true
    }
}
