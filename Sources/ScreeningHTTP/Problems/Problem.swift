import EventLog
import Hummingbird

/// An RFC 9457 problem: what the API answers instead of a result when a request is refused.
///
/// The JSON body (`application/problem+json`) has the RFC's `type`, `title`, `status` and `detail`
/// plus `code` (stable, machine-readable), `field` (the offending JSON member, query parameter or
/// header, when one is at fault) and `requestId`. `detail` never carries patient data.
struct Problem: Error, Sendable, Hashable {
    /// The HTTP status.
    var status: HTTPResponse.Status
    /// A stable machine code, e.g. `json.malformed`, `value.out_of_range`.
    var code: String
    /// The offending field, if one is at fault.
    var field: String?
    /// A human sentence.
    var detail: String

    /// The prefix of every problem `type` URI; the code completes it (RFC 9457 section 3.1.1).
    static let typePrefix = "urn:screening:problem:"

    /// The RFC 9457 body for a request with id `requestID`.
    func jsonValue(requestID: String) -> JSONValue {
        var members: [String: JSONValue] = [
            "type": .string(Self.typePrefix + code),
            "title": .string(status.reasonPhrase),
            "status": .integer(Int64(status.code)),
            "detail": .string(detail),
            "code": .string(code),
            "requestId": .string(requestID),
        ]
        if let field { members["field"] = .string(field) }
        return .object(members)
    }

    /// The response carrying this problem.
    func response(requestID: String) -> Response {
        var headers: HTTPFields = [:]
        if status == .unauthorized {
            // RFC 6750 section 3: tell the client which scheme to use.
            headers[.wwwAuthenticate] = "Bearer"
        }
        return JSONResponse.make(
            jsonValue(requestID: requestID), status: status, contentType: "application/problem+json",
            headers: headers)
    }
}

extension Problem {
    /// 400 for a request the server cannot read.
    static func malformed(_ code: String, field: String?, _ detail: String) -> Problem {
        Problem(status: .badRequest, code: code, field: field, detail: detail)
    }

    /// 413 for a body over the limit; nothing of it was parsed.
    static func tooLarge(limit: Int) -> Problem {
        Problem(
            status: .contentTooLarge, code: "body.too_large", field: "body",
            detail: "the request body is larger than \(limit) bytes")
    }

    /// 404 for a path no route matches.
    static let routeNotFound = Problem(
        status: .notFound, code: "route.not_found", field: nil, detail: "no such endpoint")

    /// 500 for a failure the server did not expect; its details go to the log, not the client.
    static let internalError = Problem(
        status: .internalServerError, code: "internal", field: nil, detail: "the server failed to process the request")
}
