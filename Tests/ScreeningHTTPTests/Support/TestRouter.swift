import Hummingbird
import ScreeningHTTP

/// The router `buildApplication` serves for `fixture`, for listing its routes.
func buildTestRouter(_ fixture: APIFixture) -> Router<ScreeningRequestContext> {
    buildRouter(service: fixture.service, configuration: fixture.configuration)
}
