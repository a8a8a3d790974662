import EventLog
import Hummingbird

/// Builders for the API's JSON and text responses.
enum JSONResponse {
    /// A response whose body is `value` as compact canonical JSON (RFC 8785: sorted members, no
    /// insignificant whitespace), so equal results are byte-identical.
    static func make(
        _ value: JSONValue, status: HTTPResponse.Status = .ok, contentType: String = "application/json",
        headers extra: HTTPFields = [:]
    ) -> Response {
        bytes(value.canonicalBytes(), status: status, contentType: contentType, headers: extra)
    }

    /// A response whose body is `text` (UTF-8).
    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        bytes(Array(text.utf8), status: status, contentType: contentType, headers: [:])
    }

    /// A response whose body is `bytes` as given.
    static func bytes(
        _ bytes: [UInt8], status: HTTPResponse.Status, contentType: String, headers extra: HTTPFields
    ) -> Response {
        var headers = extra
        headers[.contentType] = contentType
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
