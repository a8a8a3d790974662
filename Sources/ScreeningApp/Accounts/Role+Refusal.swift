extension Role {
    /// The role as a noun with its article, for sentences: "A coordinator", "An admin".
    var withArticle: String {
        switch self {
        case .admin, .investigator: "An \(rawValue)"
        case .coordinator, .monitor: "A \(rawValue)"
        }
    }

    /// The 403 for a command this role may not issue, as a sentence naming the action.
    func refusal(_ command: CommandKind) -> AppError {
        .forbidden("role.forbidden", "\(withArticle) may not \(command.action).")
    }

    /// The 403 for a read this role may not run, as a sentence naming the action.
    func refusal(read query: QueryKind) -> AppError {
        .forbidden("role.forbidden", "\(withArticle) may not \(query.action).")
    }
}

extension CommandKind {
    /// What the command does, as a verb phrase for messages ("record an investigator attestation").
    var action: String {
        switch self {
        case .register: "register a subject"
        case .consent: "record consent"
        case .withdrawConsent: "record a withdrawal of consent"
        case .assessment: "record an assessment"
        case .attestation: "record an investigator attestation"
        case .correction: "correct an entry"
        case .signEligibility: "sign eligibility"
        case .enrol: "enrol a subject"
        case .screenFail: "record a screen failure"
        case .withdraw: "withdraw a subject from screening"
        case .auditReviewed: "record an audit-trail review"
        case .registerProtocol: "register a protocol version"
        case .createUser: "create an account"
        case .changeRole: "change an account's role"
        case .deactivateUser: "deactivate an account"
        case .resetPassword: "reset another user's password"
        case .unlockUser: "unlock an account"
        }
    }
}

extension QueryKind {
    /// What the read does, as a verb phrase for messages ("read screening data").
    var action: String {
        switch self {
        case .screeningData: "read screening data"
        case .audit: "read the signature audit"
        case .integrity: "run integrity checks"
        case .accounts: "list accounts"
        }
    }
}
