import FeedConfig
import FeedFetching
import FeedModel
import FeedProcess
import FeedStore

/// A `kind = "exec"` feed: its command's standard output stands in for a fetched body.
public enum CommandSource {
    /// Runs the feed's command under the `[fetch]` timeout and body cap; blocking, for up to the timeout.
    ///
    /// The output is a 200 response from the feed's URL, so it is parsed and stored as any fetched feed; a command
    /// that fails is a failed fetch whose message names the program and why.
    public static func run(_ feed: StoredFeed, settings: FetchSettings) -> Result<FetchResponse, FetchError> {
        guard let command = feed.options.command else {
            return .failure(FetchError(url: feed.url, kind: .other(message: "kind = \"exec\" without a command")))
        }
        switch CommandFeed.run(command, timeout: settings.timeout, maxOutputBytes: settings.maxBodyBytes) {
        case .success(let output):
            return .success(FetchResponse(status: 200, finalURL: feed.url, body: output))
        case .failure(let error):
            return .failure(FetchError(url: feed.url, kind: .other(message: "command \(error)")))
        }
    }
}
