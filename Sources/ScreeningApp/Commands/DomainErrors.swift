import ScreeningDomain

/// Maps the domain's refusals onto the application's error kinds (the HTTP status families).
enum DomainErrors {
    static let conflicts: Set<String> = [
        "subject.duplicate", "evaluation.stale", "correction.target_superseded", "signature.exists",
        "protocol.version_exists", "subject.withdrawn", "subject.screening_ended",
    ]
    static let malformed: Set<String> = ["field.missing", "field.invalid", "field.unknown", "command.unknown"]

    static func appError(_ error: DomainError) -> AppError {
        let kind: AppError.Kind =
            switch error.code {
            case "role.forbidden": .forbidden
            case "subject.unknown": .notFound
            case _ where conflicts.contains(error.code): .conflict
            case _ where malformed.contains(error.code): .malformed
            default: .invalid
            }
        return AppError(kind, code: error.code, field: error.field, reason: error.reason)
    }
}
