internal import CCurl

/// The write and header callbacks, run by libcurl on the thread that drives the transfer.
extension EasyTransfer {
    /// Appends decoded body bytes; returning less than the count makes libcurl abort with CURLE_WRITE_ERROR.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard bytes.count <= request.maxBodyBytes - body.count else {
            bodyOverflowed = true
            return 0
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// Collects one header line; a status line starts a new response and discards the previous one's headers.
    func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        var line = bytes[...]
        while let last = line.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: "\n") {
            line = line.dropLast()
        }
        if line.isEmpty {
            // The end of a response's headers: before libcurl follows a redirect through a proxy, check where to.
            if let refusal = redirectRefusalThroughProxy() {
                refusedRedirect = refusal
                return 0
            }
            if let stop = redirectLeavingOrigin() {
                crossOriginRedirect = stop
                return 0
            }
        } else if line.starts(with: "HTTP/".utf8) {
            responseHeaders.removeAll(keepingCapacity: true)
            currentStatus = Self.statusCode(ofStatusLine: line) ?? 0
            if currentStatus >= 200 {
                responseStatuses.append(currentStatus)
            }
        } else if let first = line.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
            // Obsolete line folding continues the previous header's value.
            if !responseHeaders.isEmpty {
                let continuation = HeaderFieldParser.trimmed(Substring(String(decoding: line, as: UTF8.self)))
                responseHeaders[responseHeaders.count - 1].value += " " + continuation
            }
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self)
            responseHeaders.append(FetchResponse.Header(name: name, value: HeaderFieldParser.trimmed(Substring(value))))
        }
        return bytes.count
    }

    /// The redirect whose headers just ended, when it leads to another origin and the request carries credentials
    /// or headers meant for its own: libcurl would send the headers along, so the transfer stops here instead.
    func redirectLeavingOrigin() -> (location: String, followed: Int)? {
        guard request.carriesOriginSecrets, [301, 302, 303, 307, 308].contains(currentStatus),
            let location = responseHeaders.first(where: { $0.name == "location" })?.value,
            let target = URLOrigin.parse(location, relativeTo: infoString(CURLINFO_EFFECTIVE_URL) ?? request.url),
            target.origin.scheme == "http" || target.origin.scheme == "https", target.origin != requestOrigin
        else {
            return nil
        }
        let followed = max(0, infoLong(CURLINFO_REDIRECT_COUNT)) + 1
        return (target.url, followed)
    }

    /// "HTTP/1.1 301 Moved Permanently" or "HTTP/2 200" → the status code.
    static func statusCode(ofStatusLine line: Slice<UnsafeRawBufferPointer>) -> Int? {
        guard let space = line.firstIndex(of: UInt8(ascii: " ")) else {
            return nil
        }
        var code = 0
        var digits = 0
        for byte in line[(space + 1)...] {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
                break
            }
            code = code * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            if digits == 3 {
                break
            }
        }
        return digits == 3 ? code : nil
    }
}
