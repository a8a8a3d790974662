import Hummingbird
import ScreeningApp

/// The bearer token of `Authorization: Bearer <token>` (RFC 6750 section 2.1).
enum BearerToken {
    /// The token the request carries.
    ///
    /// - Throws: 401 `auth.token_missing` when there is no bearer token.
    static func require(in request: Request) throws(AppError) -> String {
        guard let header = request.headers[.authorization] else {
            throw .unauthenticated("auth.token_missing", "this endpoint needs an Authorization: Bearer token")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].contains(" ") else {
            throw .unauthenticated("auth.token_missing", "the Authorization header must be 'Bearer <token>'")
        }
        return String(parts[1])
    }
}
