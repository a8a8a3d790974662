import EventLog
import HTTPTypes
import Hummingbird
import ScreeningApp

extension ScreeningAPI {
    /// The `Idempotent-Replayed: true` header marks the stored answer to a retried write.
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!

    /// Registers every ``CommandRoute``.
    func addCommandRoutes(to router: Router<Context>) {
        for route in CommandRoute.all {
            router.post(RouterPath(route.path)) { request, context in
                try await perform(route, request: request, context: context)
            }
        }
    }

    /// One write: authenticate (401) -> `Idempotency-Key` (400) -> bounded body (413) -> JSON
    /// object (400) -> the service validates (400/422), authorises (403), decides (404/409) and
    /// appends atomically. Whenever this throws, nothing was appended.
    ///
    /// A retry with the same key and body gets the original status and body, plus
    /// `Idempotent-Replayed: true`; the same key with another body is 409.
    func perform(_ route: CommandRoute, request: Request, context: Context) async throws -> Response {
        let user = try authenticate(request)
        let key = try IdempotencyKey.require(in: request)
        let limit = route.kind == .registerProtocol ? configuration.maxProtocolBodyBytes : configuration.maxBodyBytes
        let bytes = try await request.collectBody(limit: limit)
        let body: JSONValue = bytes.isEmpty ? .object([:]) : try JSONBody.parseObject(bytes)
        let target = route.targetParameter.flatMap { context.parameters.get($0) }
        let fingerprint = IdempotencyKey.fingerprint(
            method: request.method, path: request.uri.path, body: body, kind: route.kind)
        let outcome = try await service.perform(
            CommandRequest(route.kind, target: target, body: body), by: user, via: .http,
            idempotencyKey: key, requestFingerprint: fingerprint)
        if !outcome.replayed {
            metrics.recordAppend(command: route.kind.rawValue, entries: outcome.recorded.count)
        }
        return Self.response(for: outcome, creates: route.creates)
    }

    /// The response for an outcome: the same status and body for the first answer and every
    /// replay of it (the replay flag travels in a header, not the body).
    static func response(for outcome: CommandOutcome, creates: Bool) -> Response {
        var json = outcome.jsonValue.objectValue ?? [:]
        json.removeValue(forKey: "replayed")
        var headers: HTTPFields = [:]
        if outcome.replayed { headers[replayedHeader] = "true" }
        return JSONResponse.make(.object(json), status: creates ? .created : .ok, headers: headers)
    }
}
