internal import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SSRF guard: every address libcurl would connect to, and through a proxy every target by name.
extension EasyTransfer {
    /// Through a proxy, why the redirect whose headers just ended must not be followed; nil when it may be.
    func redirectRefusalThroughProxy() -> FetchError.Kind? {
        guard !proxies.isEmpty, !request.allowPrivateAddresses, (300..<400).contains(currentStatus),
            currentStatus != 304, let location = responseHeaders.first(where: { $0.name == "location" })?.value,
            let target = URLOrigin.parse(location, relativeTo: infoString(CURLINFO_EFFECTIVE_URL) ?? request.url)
        else {
            return nil
        }
        return Self.refusalThroughProxy(
            target.url, origin: target.origin, request: request, requestOrigin: requestOrigin, isRedirect: true)
    }

    /// Resolves a target's host and says why it is refused, nil when it may be fetched.
    ///
    /// Through a proxy the open-socket guard sees only the proxy's address, so the target is checked by name
    /// before anything is sent. A name that does not resolve here is refused too: only the proxy would know
    /// where it leads. (The proxy resolves it again, so a name that changes its answer in between gets past;
    /// `allow_private_addresses` is for networks where that matters less than the proxy's own DNS.)
    static func refusalThroughProxy(
        _ url: String, origin: URLOrigin, request: FetchRequest, requestOrigin: URLOrigin?, isRedirect: Bool
    ) -> FetchError.Kind? {
        guard !request.allowPrivateAddresses, origin.scheme == "http" || origin.scheme == "https" else {
            return nil
        }
        if request.allowPrivateRequestHost && origin == requestOrigin {
            return nil
        }
        switch AddressPolicy.resolve(origin.host) {
        case .failed(let reason):
            return .dns(message: "cannot resolve \(origin.host) to check it before using the proxy: \(reason)")
        case .resolved(let addresses):
            guard let refused = AddressPolicy.firstRefused(addresses) else {
                return nil
            }
            return isRedirect ? .blockedRedirect(location: url, address: refused) : .blockedAddress(refused)
        }
    }

    /// The SSRF guard: opens the socket only for an allowed address, so a refused one is never connected to.
    ///
    /// It runs after name resolution for every address libcurl tries, including each redirect's, which defeats
    /// names that resolve (or re-resolve) to private addresses.
    func openSocket(_ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let family = address.pointee.family
        if !request.allowPrivateAddresses {
            guard let offset = MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr) else {
                return CURL_SOCKET_BAD
            }
            // The sockaddr continues past curl_sockaddr's 16-byte field (sockaddr_in6 is 28), so read it in place.
            let socketAddress = UnsafeRawPointer(address).advanced(by: offset)
            if let refused = AddressPolicy.refusedAddress(socketAddress, family: family), !isExempt(refused) {
                if refusedAddress == nil {
                    refusedAddress = refused
                }
                return CURL_SOCKET_BAD
            }
        }
        return socket(family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
    }

    /// Whether a non-public address may be connected to all the same: a proxy's, or the owner's typed host's.
    func isExempt(_ address: String) -> Bool {
        if request.allowPrivateRequestHost, let requestOrigin,
            let hop = infoString(CURLINFO_EFFECTIVE_URL), URLOrigin.parse(hop)?.origin == requestOrigin
        {
            return true
        }
        guard !proxies.isEmpty else {
            return false
        }
        if proxyAddresses == nil {
            proxyAddresses = proxies.addresses()
        }
        return proxyAddresses?.contains(address) ?? false
    }
}
