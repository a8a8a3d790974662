import Hummingbird
import ScreeningApp

extension Problem {
    /// The problem the API answers for an application error. This is the one place an
    /// `AppError.Kind` becomes an HTTP status.
    init(_ error: AppError) {
        self.init(status: Self.status(for: error.kind), code: error.code, field: error.field, detail: error.reason)
    }

    /// The HTTP status of each kind of application error.
    static func status(for kind: AppError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .malformed: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .tooLarge: .contentTooLarge
        case .invalid: .unprocessableContent
        case .unavailable: .serviceUnavailable
        }
    }
}
