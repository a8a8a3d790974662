public import Hummingbird
public import ScreeningApp

/// The router of the screening API over `service`: every route, behind the middleware that
/// assigns request ids, renders problems, logs and measures.
///
/// Exposed so tests can list `router.routes`; ``buildApplication(service:configuration:)`` is
/// what serves it.
public func buildRouter(service: ScreeningService, configuration: HTTPConfiguration) -> Router<ScreeningRequestContext>
{
    let router = Router(context: ScreeningRequestContext.self)
    let metrics = HTTPMetrics(registry: configuration.metrics)
    // First, so it also wraps the not-found responder and every route added below.
    router.add(middleware: RequestObservationMiddleware(metrics: metrics))
    ScreeningAPI(service: service, configuration: configuration, metrics: metrics).addRoutes(to: router)
    return router
}

/// The HTTP application `screening serve` runs and the tests drive (HummingbirdTesting): the
/// router of ``buildRouter(service:configuration:)`` bound to `configuration.host:port`.
///
/// The caller owns `service` and closes it after the application stops.
public func buildApplication(service: ScreeningService, configuration: HTTPConfiguration) -> some ApplicationProtocol {
    Application(
        router: buildRouter(service: service, configuration: configuration),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: configuration.serverName
        ),
        logger: configuration.logger
    )
}
