import Hummingbird
import ScreeningApp

/// One write endpoint: a `POST` path, the command it performs, where its target comes from.
struct CommandRoute: Sendable {
    /// The path template, e.g. `/v1/subjects/{screeningNumber}/consent`.
    var path: String
    /// The command performed.
    var kind: CommandKind
    /// The path parameter naming the command's target (screening number or user id), if any.
    var targetParameter: String?
    /// Whether success is `201 Created` (the command creates a subject, user or protocol) rather than `200 OK`.
    var creates: Bool

    init(_ path: String, _ kind: CommandKind, target: String? = nil, creates: Bool = false) {
        self.path = path
        self.kind = kind
        self.targetParameter = target
        self.creates = creates
    }

    /// Every write endpoint of the API. Each takes a JSON object body (an empty body means `{}`)
    /// and an `Idempotency-Key` header.
    static let all: [CommandRoute] = [
        CommandRoute("/v1/subjects", .register, creates: true),
        CommandRoute("/v1/subjects/{screeningNumber}/consent", .consent, target: "screeningNumber"),
        CommandRoute("/v1/subjects/{screeningNumber}/withdraw-consent", .withdrawConsent, target: "screeningNumber"),
        CommandRoute("/v1/subjects/{screeningNumber}/assessments", .assessment, target: "screeningNumber"),
        CommandRoute("/v1/subjects/{screeningNumber}/attestations", .attestation, target: "screeningNumber"),
        CommandRoute("/v1/subjects/{screeningNumber}/corrections", .correction, target: "screeningNumber"),
        CommandRoute("/v1/subjects/{screeningNumber}/sign", .signEligibility, target: "screeningNumber"),
        CommandRoute("/v1/subjects/{screeningNumber}/enrol", .enrol, target: "screeningNumber"),
        CommandRoute("/v1/subjects/{screeningNumber}/screen-fail", .screenFail, target: "screeningNumber"),
        CommandRoute("/v1/subjects/{screeningNumber}/withdraw", .withdraw, target: "screeningNumber"),
        CommandRoute("/v1/subjects/{screeningNumber}/audit-review", .auditReviewed, target: "screeningNumber"),
        CommandRoute("/v1/protocols", .registerProtocol, creates: true),
        CommandRoute("/v1/users", .createUser, creates: true),
        CommandRoute("/v1/users/{userId}/role", .changeRole, target: "userId"),
        CommandRoute("/v1/users/{userId}/deactivate", .deactivateUser, target: "userId"),
        CommandRoute("/v1/users/{userId}/reset-password", .resetPassword, target: "userId"),
        CommandRoute("/v1/users/{userId}/unlock", .unlockUser, target: "userId"),
    ]
}
