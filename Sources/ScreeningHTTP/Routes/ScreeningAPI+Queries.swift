import EventLog
import Hummingbird
import ScreeningApp

extension ScreeningAPI {
    /// The reads: subject state, history, worklist, replay, screening log (JSON or CSV), the
    /// audit replay, verification and the account list. Each needs a bearer token and a role
    /// the service lets read that kind of data.
    func addQueryRoutes(to router: Router<Context>) {
        router.get("/v1/subjects/{screeningNumber}") { request, context in
            _ = try authorize(request, toRead: .screeningData)
            let view = try await service.subjectStatus(
                try context.parameters.require("screeningNumber"), asOf: Self.query("asOf", of: request))
            return JSONResponse.make(view.jsonValue)
        }
        router.get("/v1/subjects/{screeningNumber}/history") { request, context in
            _ = try authorize(request, toRead: .screeningData)
            let view = try await service.history(try context.parameters.require("screeningNumber"))
            return JSONResponse.make(view.jsonValue)
        }
        router.get("/v1/worklist") { request, _ in
            _ = try authorize(request, toRead: .screeningData)
            return JSONResponse.make(try await service.worklist(asOf: Self.query("asOf", of: request)).jsonValue)
        }
        router.get("/v1/replay") { request, _ in
            let user = try authorize(request, toRead: .screeningData)
            guard let asOf = Self.query("asOf", of: request) else {
                throw Problem.malformed(
                    "field.missing", field: "asOf", "a replay needs asOf: a date YYYY-MM-DD or an RFC 3339 instant")
            }
            let view = try await service.replay(asOf: asOf)
            let csv = try Self.wantsCSV(request)
            return try await exported(
                csv ? Array(view.csv.utf8) : view.jsonValue.canonicalBytes(),
                contentType: csv ? Self.csvContentType : "application/json", what: "replay", format: csv ? "csv" : "json",
                parameters: ["asOf": asOf], rowCount: view.jsonValue["subjects"]?.arrayValue?.count ?? 0, by: user)
        }
        router.get("/v1/screening-log") { request, _ in
            let user = try authorize(request, toRead: .screeningData)
            let view = try await service.screeningLog()
            guard try Self.wantsCSV(request) else { return JSONResponse.make(view.jsonValue) }
            return try await exported(
                Array(view.csv.utf8), contentType: Self.csvContentType, what: "screening-log", format: "csv",
                parameters: [:], rowCount: view.jsonValue["rows"]?.arrayValue?.count ?? 0, by: user)
        }
        router.get("/v1/audit") { request, _ in
            _ = try authorize(request, toRead: .audit)
            return JSONResponse.make(try await service.audit().jsonValue)
        }
        router.get("/v1/verification") { request, _ in
            _ = try authorize(request, toRead: .integrity)
            return JSONResponse.make(try await service.verify().jsonValue)
        }
        router.get("/v1/users") { request, _ in
            _ = try authorize(request, toRead: .accounts)
            return JSONResponse.make(["users": .array(service.accounts().map(\.jsonValue))])
        }
    }

    /// The query parameter `name`, if present and not empty.
    static func query(_ name: String, of request: Request) -> String? {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// Whether the client asked for CSV: `?format=csv`, or (without `format`) an `Accept` header
    /// naming `text/csv`. `format` other than `json` or `csv` is 400.
    static func wantsCSV(_ request: Request) throws(Problem) -> Bool {
        switch query("format", of: request) {
        case "csv": return true
        case "json": return false
        case nil: return request.headers[.accept]?.contains("text/csv") ?? false
        case .some:
            throw Problem.malformed("query.invalid", field: "format", "format must be json or csv")
        }
    }
}
