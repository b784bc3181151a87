import FeedFetching
import FeedProcess
import Foundation

/// The two sinks reached with an HTTP POST: ntfy and webhooks.
extension NotificationSender {
    /// POSTs the plain text to an ntfy topic, with the title, the click URL and a tag in headers.
    func deliverToNtfy(_ message: NotificationMessage, sink: String, url: URL) throws(NotificationError) {
        var headers = ["Content-Type: text/plain; charset=utf-8", "Tags: newspaper"]
        let title = NotificationText.utf8Prefix(
            OneLineText.singleLine(message.title), maxBytes: Self.ntfyMaxTitleBytes)
        if !title.isEmpty {
            headers.append("Title: " + NotificationText.headerValue(title))
        }
        // One with a line break or other controls is dropped, not mangled.
        if let click = message.click, !click.isEmpty,
            !click.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        {
            headers.append("Click: " + NotificationText.percentEncodingNonASCII(click))
        }
        let text = NotificationText.utf8Prefix(message.text, maxBytes: Self.ntfyMaxTextBytes)
        try post(Array(text.utf8), headers: headers, to: url, sink: sink, kind: "ntfy")
    }

    /// POSTs the JSON to a webhook, signed when the sink has a secret file.
    func deliverToWebhook(
        _ message: NotificationMessage,
        sink: String,
        url: URL,
        secretFile: String?
    ) throws(NotificationError) {
        var headers = ["Content-Type: application/json"]
        if let secretFile {
            let secret: [UInt8]
            do {
                secret = try SecretFile.read(secretFile)
            } catch {
                throw NotificationError(sinkName: sink, sinkKind: "webhook", target: nil, reason: .secretFile(error))
            }
            headers.append("X-Feedd-Signature: sha256=" + HMACSHA256.hex(key: secret, message: message.json))
        }
        try post(message.json, headers: headers, to: url, sink: sink, kind: "webhook")
    }

    /// One POST; anything but a 2xx response is an error.
    private func post(
        _ body: [UInt8],
        headers: [String],
        to url: URL,
        sink: String,
        kind: String
    ) throws(NotificationError) {
        let target = Self.shown(url)
        let request = HTTPPost(
            url: url.absoluteString, headers: headers, body: body, userAgent: userAgent,
            connectTimeout: min(timeout, Self.maxConnectTimeout), totalTimeout: timeout,
            maxResponseBytes: maxOutput)
        let response: HTTPPostResponse
        do {
            response = try request.perform()
        } catch {
            // The error keeps the URL as shown, so no token in it reaches a log through the reason either.
            let failure = FetchError(url: target, kind: error.kind)
            throw NotificationError(sinkName: sink, sinkKind: kind, target: target, reason: .request(failure))
        }
        guard response.isSuccess else {
            throw NotificationError(
                sinkName: sink, sinkKind: kind, target: target, reason: .httpStatus(response.status))
        }
    }

    /// The URL for errors and logs: without user information or query, where an ntfy or webhook URL may carry a
    /// password or an access token.
    static func shown(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            return "(unparsable URL)"
        }
        let hadQuery = components.query != nil
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        guard let shown = components.string else {
            return "(unparsable URL)"
        }
        return hadQuery ? shown + "?…" : shown
    }
}
