import FeedConfig
import FeedFetching
import FeedModel
import FeedStore
import Foundation

/// The `[fetch]` settings applied to requests and schedules, the same for feedd and `feedctl add`.
public enum FetchPolicy {
    /// A conditional request for `url` with the configured limits and the stored validators.
    ///
    /// A `file://` URL is allowed only because the owner subscribed to it by that URL; redirects never lead to one.
    public static func request(
        url: String,
        etag: String? = nil,
        lastModified: String? = nil,
        settings: FetchSettings
    ) -> FetchRequest {
        var request = FetchRequest(
            url: url,
            etag: etag,
            lastModified: lastModified,
            userAgent: settings.userAgent,
            maxBodyBytes: settings.maxBodyBytes,
            connectTimeout: settings.connectTimeout,
            totalTimeout: settings.timeout,
            lowSpeedLimit: settings.lowSpeedLimit,
            lowSpeedTime: settings.lowSpeedTime
        )
        request.allowFileURL = url.lowercased().hasPrefix("file:")
        request.allowPrivateAddresses = settings.allowPrivateAddresses
        return request
    }

    /// The request for a stored feed: its URL, validators and options, with its secrets read now.
    ///
    /// - Throws: `FetchError` naming the feed when a password file, credential or header file cannot be read.
    public static func request(
        for feed: StoredFeed, settings: FetchSettings, credentialsDirectory: String? = nil
    ) throws(FetchError) -> FetchRequest {
        let base = request(url: feed.url, etag: feed.etag, lastModified: feed.lastModified, settings: settings)
        return try applying(feed.options, to: base, credentialsDirectory: credentialsDirectory)
    }

    /// `request` with a feed's HTTP options: credentials and header files read now, so a secret rotated on disk
    /// is sent from the next fetch on, without a restart.
    public static func applying(
        _ options: FeedOptions, to request: FetchRequest, credentialsDirectory: String?
    ) throws(FetchError) -> FetchRequest {
        var request = request
        func secret(_ path: String, _ key: String) throws(FetchError) -> String {
            do {
                return String(decoding: try SecretFile.read(path), as: UTF8.self)
            } catch {
                throw FetchError(url: request.url, kind: .other(message: "\(key): \(error)"))
            }
        }
        if let username = options.username {
            request.username = username
            if let path = options.passwordFile {
                request.password = try secret(path, "password_file")
            } else if let name = options.passwordCredential {
                guard let directory = credentialsDirectory else {
                    let message =
                        "password_credential \(name) needs $CREDENTIALS_DIRECTORY (LoadCredential= in the unit), "
                        + "which is not set"
                    throw FetchError(url: request.url, kind: .other(message: message))
                }
                request.password = try secret(directory + "/" + name, "password_credential")
            }
        }
        for header in options.headers {
            let value = try header.secretPath.map { (path) throws(FetchError) in
                try secret(path, "headers.\(header.name)")
            }
            guard FetchRequest.isSafeHeader(name: header.name, value: value ?? header.value) else {
                let message = "headers.\(header.name): the value read from its file holds a line break or NUL"
                throw FetchError(url: request.url, kind: .other(message: message))
            }
            request.headers.append(FetchRequest.Header(name: header.name, value: value ?? header.value))
        }
        if let cookieFile = options.cookieFile {
            // libcurl skips a cookie file it cannot open without a word; the owner should hear of it.
            guard FileManager.default.isReadableFile(atPath: cookieFile) else {
                throw FetchError(url: request.url, kind: .other(message: "cookie_file \(cookieFile) cannot be read"))
            }
            request.cookieFile = cookieFile
        }
        request.proxy = options.proxy
        if let userAgent = options.userAgent {
            request.userAgent = userAgent
        }
        return request
    }

    /// The schedule settings `[fetch]` gives.
    public static func schedule(_ settings: FetchSettings) -> ScheduleSettings {
        ScheduleSettings(
            interval: settings.interval,
            minInterval: settings.minInterval,
            maxInterval: settings.maxInterval,
            adaptive: settings.adaptive
        )
    }
}
