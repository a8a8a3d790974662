import EventLog
import Hummingbird

extension Request {
    /// The body's bytes, refusing (413) anything over `limit` bytes before it is parsed: a
    /// declared `Content-Length` over the limit is refused without reading, and a streamed body
    /// is refused as soon as it passes the limit, so memory stays bounded by `limit`.
    func collectBody(limit: Int) async throws -> [UInt8] {
        if let declared = headers[.contentLength].flatMap(Int.init), declared > limit {
            throw Problem.tooLarge(limit: limit)
        }
        var bytes: [UInt8] = []
        for try await buffer in body {
            guard bytes.count + buffer.readableBytes <= limit else { throw Problem.tooLarge(limit: limit) }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }

    /// The body parsed as one JSON object with EventLog's strict parser (RFC 8259; integers only,
    /// decimals travel as strings; no duplicate members).
    ///
    /// - Throws: 413 ``Problem`` over `limit`; 400 `json.malformed` (field `body`, with the byte
    ///   offset) for text that is not JSON, `body.not_object` for JSON that is not an object.
    func jsonObjectBody(limit: Int) async throws -> JSONValue {
        let bytes = try await collectBody(limit: limit)
        guard !bytes.isEmpty else {
            throw Problem.malformed("body.missing", field: "body", "the request needs a JSON object body")
        }
        return try JSONBody.parseObject(bytes)
    }
}

/// Request bodies as JSON objects.
enum JSONBody {
    /// `bytes` parsed as one JSON object with EventLog's strict parser.
    ///
    /// - Throws: 400 `json.malformed` (field `body`, with the byte offset) or `body.not_object`.
    static func parseObject(_ bytes: [UInt8]) throws(Problem) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw Problem.malformed(
                "json.malformed", field: "body", "the body is not valid JSON at byte \(error.offset): \(error.reason)")
        }
        guard case .object = value else {
            throw Problem.malformed("body.not_object", field: "body", "the body must be a JSON object")
        }
        return value
    }
}
