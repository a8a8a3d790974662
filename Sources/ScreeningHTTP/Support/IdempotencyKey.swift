import EventLog
import HTTPTypes
import Hummingbird
import LogCrypto
import ScreeningApp

/// The `Idempotency-Key` request header (IETF draft-ietf-httpapi-idempotency-key-header) and the
/// fingerprint a key is bound to.
enum IdempotencyKey {
    /// The header's name.
    static let headerName = "Idempotency-Key"
    /// The longest key accepted.
    static let maxLength = 255

    /// The key a write request carries. Every write (`POST` other than login and logout) must
    /// carry one: 1-255 visible ASCII characters.
    ///
    /// - Throws: 400 `idempotency_key.missing` or `idempotency_key.invalid`, field `Idempotency-Key`.
    static func require(in request: Request) throws(Problem) -> String {
        guard let name = HTTPField.Name(headerName), let key = request.headers[name] else {
            throw Problem.malformed(
                "idempotency_key.missing", field: headerName,
                "every write needs an Idempotency-Key header so that a retry cannot record twice")
        }
        let visible = key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
        guard (1...maxLength).contains(key.utf8.count), visible else {
            throw Problem.malformed(
                "idempotency_key.invalid", field: headerName,
                "the Idempotency-Key must be 1-\(maxLength) visible ASCII characters")
        }
        return key
    }

    /// SHA-256 of the canonical JSON (RFC 8785) of `{"method", "path", "body"}`: what a key is bound to.
    ///
    /// The command's secret members (passwords) are left out, so nothing derived from a password
    /// is kept with the key.
    static func fingerprint(method: HTTPRequest.Method, path: String, body: JSONValue, kind: CommandKind)
        -> SHA256Digest
    {
        var fields = body.objectValue ?? [:]
        for secret in kind.secretFields { fields.removeValue(forKey: secret) }
        let members: [String: JSONValue] = [
            "method": .string(method.rawValue), "path": .string(path), "body": .object(fields),
        ]
        return SHA256.hash(JSONValue.object(members).canonicalBytes())
    }
}
