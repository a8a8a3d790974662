public import EventLog

/// One subject's current (or as-of) state: criteria with evidence, overall result, workflow status,
/// the evaluation and its SHA-256 (what an investigator signs), the signature and whether it applies.
public struct SubjectStatusView: Sendable, Hashable {
    /// The screening number.
    public var screeningNumber: String
    /// The replay point, when the caller asked for `asOf`; `nil` for the current state.
    public var asOf: ReplayPoint?
    /// The hex SHA-256 of the canonical evaluation shown: send it back to sign.
    public var evaluationSHA256: String?
    /// The whole view as JSON (see docs/application.md for the shape).
    public var jsonValue: JSONValue
}

/// Subjects by workflow status, with what each is waiting for.
public struct WorklistView: Sendable, Hashable {
    /// The replay point, when the caller asked for `asOf`.
    public var asOf: ReplayPoint?
    /// `{"asOf"?, "items": [{"screeningNumber", "status", "overall", "waitingFor", "screeningDate"}]}`.
    public var jsonValue: JSONValue
}

/// Who did what to one subject, when, why, old value -> new value, with seqs.
public struct HistoryView: Sendable, Hashable {
    /// The screening number.
    public var screeningNumber: String
    /// `{"screeningNumber", "entries": [{"seq", "at", "type", "actor": {...}, "via", "reason"?, "summary", "changes"?}]}`.
    public var jsonValue: JSONValue
}

/// The subject screening log (ICH E6 8.3.20) with CONSORT counts.
public struct ScreeningLogView: Sendable, Hashable {
    /// `{"rows": [...], "consort": {...}}`.
    public var jsonValue: JSONValue
    /// The rows as CSV (RFC 4180, CRLF line ends, header row first).
    public var csv: String
}

/// Every subject's state as of one instant.
public struct ReplayView: Sendable, Hashable {
    /// The replay point used.
    public var asOf: ReplayPoint
    /// `{"asOf", "subjects": [...]}`.
    public var jsonValue: JSONValue
    /// One row per subject as CSV (RFC 4180, CRLF line ends, header row first).
    public var csv: String
}

/// The audit replay of every eligibility signature: recomputed evaluation hash vs. the one signed.
public struct AuditView: Sendable, Hashable {
    /// True when every signature's recomputed evaluation matches what was signed.
    public var allMatch: Bool
    /// `{"allMatch", "signatures": [{"seq", "subject", "signer", "signed", "recomputed", "matches"}]}`.
    public var jsonValue: JSONValue
}

/// One account as an administrator sees it (never credentials).
public struct AccountView: Sendable, Hashable {
    /// The stable user id.
    public var id: String
    /// The printed name.
    public var name: String
    /// The current role.
    public var role: Role
    /// False once deactivated.
    public var active: Bool
    /// True while locked by failed logins.
    public var locked: Bool

    /// `{"id", "name", "role", "active", "locked"}`.
    public var jsonValue: JSONValue {
        ["id": .string(id), "name": .string(name), "role": .string(role.rawValue), "active": .bool(active), "locked": .bool(locked)]
    }
}

/// The result of running the EventLog verification engine over the store.
public struct VerificationView: Sendable, Hashable {
    /// True when the log verified (exit status 0 for the CLI).
    public var passed: Bool
    /// The engine's human-readable report.
    public var text: String
    /// The engine's JSON report, with `passed` added.
    public var jsonValue: JSONValue
}
