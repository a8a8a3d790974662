public import Hummingbird

/// The per-request context every route of the screening API receives.
///
/// Carries Hummingbird's core storage plus the request id (echoed as `X-Request-Id` and quoted in
/// every problem body), set by ``RequestObservationMiddleware`` before any handler runs.
public struct ScreeningRequestContext: RequestContext {
    /// Hummingbird's storage: logger, matched endpoint path, path parameters.
    public var coreContext: CoreRequestContextStorage
    /// The id of this request: the client's `X-Request-Id` when it is sane, otherwise a fresh one.
    public var requestID: String

    /// Creates a context for a request the server has just received.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = ""
    }
}
