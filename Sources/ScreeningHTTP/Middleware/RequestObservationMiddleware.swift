import HTTPTypes
import Hummingbird
import Logging
import ScreeningApp

/// The outermost middleware: gives each request its id, turns every error into an RFC 9457
/// problem response, and logs and measures the request.
///
/// Logs carry the request id, method, route template (never the concrete path, which holds a
/// screening number), status, duration and problem code: no bodies, no values.
struct RequestObservationMiddleware: RouterMiddleware {
    typealias Context = ScreeningRequestContext

    /// The `X-Request-Id` header name.
    static let requestIDHeader = HTTPField.Name("X-Request-Id")!

    let metrics: HTTPMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        var context = context
        context.requestID = RequestID.resolve(request.headers[Self.requestIDHeader])
        context.logger[metadataKey: "request.id"] = .string(context.requestID)

        var response: Response
        var problemCode: String?
        do {
            response = try await next(request, context)
        } catch {
            let problem = Self.problem(for: error, logger: context.logger)
            problemCode = problem.code
            response = problem.response(requestID: context.requestID)
        }
        response.headers[Self.requestIDHeader] = context.requestID

        let route = context.endpointPath ?? "unmatched"
        let duration = ContinuousClock.now - start
        metrics.recordRequest(route: route, method: request.method, status: response.status, duration: duration)
        var metadata: Logger.Metadata = [
            "http.method": .string(request.method.rawValue),
            "http.route": .string(route),
            "http.status": .stringConvertible(response.status.code),
            "duration.ms": .stringConvertible(duration.milliseconds),
        ]
        if let problemCode { metadata["problem.code"] = .string(problemCode) }
        context.logger.info("request finished", metadata: metadata)
        return response
    }

    /// The problem a thrown error is answered with.
    static func problem(for error: any Error, logger: Logger) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let appError as AppError:
            return Problem(appError)
        case let httpError as HTTPError where httpError.status == .notFound:
            return .routeNotFound
        case let httpError as HTTPError:
            return Problem(
                status: httpError.status, code: "http.\(httpError.status.code)", field: nil,
                detail: httpError.status.reasonPhrase)
        default:
            // The type only: an error's description could quote data.
            logger.error("unexpected error", metadata: ["error.type": .string(String(describing: type(of: error)))])
            return .internalError
        }
    }
}

extension Duration {
    /// The duration in (fractional) milliseconds, for logs.
    fileprivate var milliseconds: Double {
        Double(components.seconds) * 1_000 + Double(components.attoseconds) / 1e15
    }
}
