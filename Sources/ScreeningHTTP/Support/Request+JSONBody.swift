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
            if error.code == "json.number", error.reason.contains("fraction") {
                // Format v1 has integers only; say what to send instead, and where.
                let member = memberName(before: error.offset, in: bytes)
                throw Problem.malformed(
                    "json.number_fraction", field: member ?? "body",
                    "numbers with a fraction or exponent must be sent as strings, e.g. \"0.1\""
                        + (member.map { " (member \($0))" } ?? "") + " at byte \(error.offset)")
            }
            throw Problem.malformed(
                "json.malformed", field: "body", "the body is not valid JSON at byte \(error.offset): \(error.reason)")
        }
        guard case .object = value else {
            throw Problem.malformed("body.not_object", field: "body", "the body must be a JSON object")
        }
        return value
    }

    /// The name of the object member whose value starts before `offset`: the last `"name":`
    /// before it, if it is a plain name (letters, digits, `_ - .`). A best effort for messages only.
    static func memberName(before offset: Int, in bytes: [UInt8]) -> String? {
        var index = min(offset, bytes.count) - 1
        while index >= 0 && bytes[index] != UInt8(ascii: ":") { index -= 1 }
        index -= 1
        while index >= 0 && (bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D) {
            index -= 1
        }
        guard index >= 1, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let end = index
        index -= 1
        while index >= 0 && bytes[index] != UInt8(ascii: "\"") { index -= 1 }
        guard index >= 0 else { return nil }
        let name = bytes[(index + 1)..<end]
        let plain = !name.isEmpty && name.count <= 64 && name.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        return plain ? String(decoding: name, as: UTF8.self) : nil
    }
}
