import Hummingbird
import ScreeningApp

/// The HTTP shell's handlers over one service: each route authenticates, reads its input,
/// calls the service and renders the result. No screening logic lives here.
struct ScreeningAPI: Sendable {
    typealias Context = ScreeningRequestContext

    let service: ScreeningService
    let configuration: HTTPConfiguration
    let metrics: HTTPMetrics

    /// The user the request's bearer token belongs to.
    ///
    /// - Throws: 401 when the token is missing, unknown, expired or revoked.
    func authenticate(_ request: Request) throws(AppError) -> AuthenticatedUser {
        try service.authenticate(token: BearerToken.require(in: request))
    }

    /// The user, once the service agreed their role may run reads of `query`.
    ///
    /// - Throws: 401 without a valid token, 403 for a role that may not read `query`.
    func authorize(_ request: Request, toRead query: QueryKind) throws(AppError) -> AuthenticatedUser {
        let user = try authenticate(request)
        try service.authorizeRead(query, by: user)
        return user
    }

    /// Registers every route of the API on `router`.
    func addRoutes(to router: Router<Context>) {
        addOperationsRoutes(to: router)
        addSessionRoutes(to: router)
        addCommandRoutes(to: router)
        addQueryRoutes(to: router)
        addAuditorRoutes(to: router)
        addAuditTrailRoutes(to: router)
    }
}
