internal import Hummingbird
internal import NIOCore

/// hummingbird's per-request context, with the client's address for the login throttle and the logs.
struct APIRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let clientAddress: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Form bodies are small: a few hundred ids at most.
    var maxUploadSize: Int { APIResponder.maximumBodySize }
}
