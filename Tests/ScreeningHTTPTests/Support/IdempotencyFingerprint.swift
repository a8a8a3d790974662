import EventLog
import Hummingbird
import LogCrypto
import ScreeningApp

@testable import ScreeningHTTP

/// Access to the HTTP shell's fingerprint for unit checks.
enum IdempotencyFingerprint {
    static func of(_ method: HTTPRequest.Method, _ path: String, _ body: JSONValue, kind: CommandKind) -> SHA256Digest {
        IdempotencyKey.fingerprint(method: method, path: path, body: body, kind: kind)
    }
}
