import FeedConfig
import FeedFetching
import FeedStore

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

    /// The request for a stored feed: its URL and validators.
    public static func request(for feed: StoredFeed, settings: FetchSettings) -> FetchRequest {
        request(url: feed.url, etag: feed.etag, lastModified: feed.lastModified, settings: settings)
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
