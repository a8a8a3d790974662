import EventLog
import Hummingbird
import ScreeningApp

extension ScreeningAPI {
    /// The audit trail over the whole log (`GET /v1/audit-trail`), filtered and paged, as JSON
    /// or (recorded as an export) CSV. Readable by the roles the service allows (admin, monitor).
    func addAuditTrailRoutes(to router: Router<Context>) {
        router.get("/v1/audit-trail") { request, _ in
            let user = try authenticate(request)
            let query = try Self.auditTrailQuery(request)
            let wantsCSV = try Self.wantsCSV(request)
            let view = try await service.auditTrail(query, by: user)
            guard wantsCSV else { return JSONResponse.make(view.jsonValue) }
            var parameters = view.filters
            parameters["fromSeq"] = String(query.fromSeq)
            parameters["limit"] = String(query.limit)
            return try await exported(
                Array(view.csv.utf8), contentType: Self.csvContentType, what: "audit-trail", format: "csv",
                parameters: parameters, rowCount: view.entries.count, by: user)
        }
    }

    /// `text/csv` with a header row (RFC 4180, RFC 7111 parameters).
    static let csvContentType = "text/csv; charset=utf-8; header=present"

    /// Records the export of `bytes` (an `export.performed` entry by `user`, via http, durable)
    /// and only then returns them; if recording fails the user gets the error, not the document.
    func exported(
        _ bytes: [UInt8], contentType: String, what: String, format: String, parameters: [String: String],
        rowCount: Int, by user: AuthenticatedUser
    ) async throws(AppError) -> Response {
        let record = ExportRecord(what: what, format: format, parameters: parameters, rowCount: rowCount, bytes: bytes)
        try await service.recordExport(record, by: user, via: .http)
        return JSONResponse.bytes(bytes, status: .ok, contentType: contentType, headers: [:])
    }

    /// The trail's query parameters: `user`, `type`, `subject`, `from`, `to`, `fromSeq`, `limit`.
    static func auditTrailQuery(_ request: Request) throws(Problem) -> AuditTrailQuery {
        var query = AuditTrailQuery(
            user: Self.query("user", of: request), type: Self.query("type", of: request),
            subject: Self.query("subject", of: request), from: Self.query("from", of: request),
            to: Self.query("to", of: request))
        if let text = Self.query("fromSeq", of: request) {
            guard let seq = Int64(text), seq >= 0 else {
                throw Problem.malformed("query.invalid", field: "fromSeq", "fromSeq must be a seq (0 or more)")
            }
            query.fromSeq = seq
        }
        if let text = Self.query("limit", of: request) {
            guard let limit = Int(text), (1...AuditTrailQuery.maxLimit).contains(limit) else {
                throw Problem.malformed("query.invalid", field: "limit", "limit must be 1...\(AuditTrailQuery.maxLimit)")
            }
            query.limit = limit
        }
        return query
    }
}
