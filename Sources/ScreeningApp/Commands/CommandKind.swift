/// Every write the application accepts. Both shells name commands by this raw value
/// (HTTP routes map onto it; the CLI's `record` and `users` subcommands too).
public enum CommandKind: String, Sendable, Hashable, CaseIterable {
    // Screening (target: the screening number, except `register` which carries it in the body).
    /// Register a subject: `{"screeningNumber", "screeningDate", "dateOfBirth"?, "sex"?}`.
    case register
    /// Record consent: `{"formVersion", "dateSigned"}`.
    case consent
    /// Record that consent was withdrawn: `{"date", "reason"?}`.
    case withdrawConsent = "withdraw-consent"
    /// Record an assessment for one protocol input: `{"input", "value", "unit"?, "uln"?, "observedOn"?, "method"?, "inputs"?, "source"?}`.
    case assessment
    /// Record an investigator attestation: `{"input", "answer": true|false, "observedOn"?, "note"?}`.
    case attestation
    /// Correct an earlier entry: `{"supersedes": seq, "reason", ...the corrected fields}`.
    case correction
    /// Sign eligibility: `{"evaluationSHA256", "password", "meaning"}` - binds to the evaluation shown.
    case signEligibility = "sign"
    /// Enrol a subject with a current signature: `{"date"?}`.
    case enrol
    /// Record a screen failure: `{"reason": "criteria"|"declined"|"other", "criteria"?, "text"?}`.
    case screenFail = "screen-fail"
    /// Withdraw a subject from screening: `{"reason"}`.
    case withdraw
    /// A monitor records that they reviewed a subject's audit trail: `{"throughSeq"?, "note"?}`.
    case auditReviewed = "audit-review"
    /// Register a protocol definition version (an amendment): `{"definition": {...}}` or `{"bundled": "cd7-cart-amendment-1"}`.
    case registerProtocol = "register-protocol"

    // Accounts (target: the user id, except `createUser` which carries it in the body).
    /// Create an account: `{"id", "name", "role", "password"}`.
    case createUser = "user-create"
    /// Change an account's role: `{"role", "reason"?}`.
    case changeRole = "user-role"
    /// Deactivate an account (its id is never reused): `{"reason"?}`.
    case deactivateUser = "user-deactivate"
    /// Set a new password: `{"password"}`.
    case resetPassword = "user-reset-password"
    /// Unlock an account locked by failed logins: `{"reason"?}`.
    case unlockUser = "user-unlock"

    /// Whether the command's target (`CommandRequest.target`) must be given.
    public var needsTarget: Bool {
        switch self {
        case .register, .createUser, .registerProtocol: false
        default: true
        }
    }

    /// Whether the command administers accounts rather than writing screening data.
    public var isAccountAdministration: Bool {
        switch self {
        case .createUser, .changeRole, .deactivateUser, .resetPassword, .unlockUser: true
        default: false
        }
    }

    /// Body members that carry secrets: never logged, never part of the request fingerprint.
    public var secretFields: Set<String> {
        switch self {
        case .signEligibility, .createUser, .resetPassword: ["password"]
        default: []
        }
    }
}
