/// Why the application refused or failed a request. Only the HTTP layer maps `kind` to a status.
///
/// `reason` is a human sentence and never contains patient data (no values, no dates of birth).
/// Whenever an `AppError` is thrown by a write, nothing was appended to the log.
public struct AppError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure, one per HTTP status family the shells report.
    public enum Kind: String, Sendable, Hashable {
        /// The request could not be read (HTTP 400): not JSON, wrong type, missing field.
        case malformed
        /// No valid credentials or token (HTTP 401).
        case unauthenticated
        /// The user's role may not do this (HTTP 403).
        case forbidden
        /// The subject, user or seq does not exist (HTTP 404).
        case notFound
        /// The request conflicts with the current state (HTTP 409): stale evaluation, key reuse, duplicate.
        case conflict
        /// The request body is too large (HTTP 413).
        case tooLarge
        /// Well-formed but not acceptable (HTTP 422): a value out of range, a domain rule refused it.
        case invalid
        /// The store cannot be written or read right now (HTTP 503).
        case unavailable
    }

    /// The class of failure.
    public var kind: Kind
    /// A stable machine code, e.g. `auth.bad_credentials`, `value.out_of_range`, `idempotency.key_reused`.
    public var code: String
    /// The JSON path of the offending field, if one field is at fault (e.g. `value`, `evaluationSHA256`).
    public var field: String?
    /// A human sentence explaining the refusal; never patient data.
    public var reason: String

    /// Creates an error.
    public init(_ kind: Kind, code: String, field: String? = nil, reason: String) {
        self.kind = kind
        self.code = code
        self.field = field
        self.reason = reason
    }

    public var description: String {
        if let field { return "\(code) (\(field)): \(reason)" }
        return "\(code): \(reason)"
    }
}

extension AppError {
    /// 400: the request could not be read.
    public static func malformed(_ code: String, field: String? = nil, _ reason: String) -> AppError {
        AppError(.malformed, code: code, field: field, reason: reason)
    }

    /// 422: a value is not acceptable.
    public static func invalid(_ code: String, field: String? = nil, _ reason: String) -> AppError {
        AppError(.invalid, code: code, field: field, reason: reason)
    }

    /// 409: the request conflicts with the current state.
    public static func conflict(_ code: String, field: String? = nil, _ reason: String) -> AppError {
        AppError(.conflict, code: code, field: field, reason: reason)
    }

    /// 404: the named thing does not exist.
    public static func notFound(_ code: String, field: String? = nil, _ reason: String) -> AppError {
        AppError(.notFound, code: code, field: field, reason: reason)
    }

    /// 403: the role may not do this.
    public static func forbidden(_ code: String, _ reason: String) -> AppError {
        AppError(.forbidden, code: code, reason: reason)
    }

    /// 401: not authenticated.
    public static func unauthenticated(_ code: String, _ reason: String) -> AppError {
        AppError(.unauthenticated, code: code, reason: reason)
    }

    /// 503: the store is unavailable.
    public static func unavailable(_ code: String, _ reason: String) -> AppError {
        AppError(.unavailable, code: code, reason: reason)
    }
}
