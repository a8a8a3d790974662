import EventLog

/// A request whose body has been read and validated (everything that needs no state), ready to
/// be decided against the state inside the writer's transaction.
enum PreparedCommand: Sendable {
    case createUser(id: String, name: String, role: Role, hash: PasswordHash, reason: String?)
    case changeRole(role: Role, reason: String?)
    case deactivateUser(reason: String?)
    case resetPassword(hash: PasswordHash, reason: String?)
    case unlockUser(reason: String?)
    case signEligibility(SignatureInput)
    case screening(ScreeningInput)

    /// What a signer sends: the evaluation they reviewed, their password, the meaning they confirm.
    struct SignatureInput: Sendable {
        /// The signer's own password, asked for at every signature; never stored or logged.
        var password: String
        /// The meaning the signer was shown, if the client sends it back; must match the protocol's.
        var meaning: String?
        /// The domain's sign command (subject and the evaluation's SHA-256).
        var command: ScreeningInput
    }

    static func prepare(_ request: CommandRequest, configuration: AppConfiguration) throws(AppError) -> PreparedCommand {
        let body = try BodyReader(request.body)
        switch request.kind {
        case .createUser:
            try body.rejectUnknown(allowed: ["id", "name", "role", "password", "reason"])
            let id = try body.string("id", maxLength: 64)
            guard AccountEvent.isValidUserID(id) else {
                throw .invalid("user.id_invalid", field: "id", "must be 1-64 of a-z 0-9 . _ -, starting with a letter or digit")
            }
            let name = try body.string("name", maxLength: 128)
            let role = try readRole(body)
            let password = try body.string("password", maxLength: 1024)
            try ScreeningService.validatePassword(password)
            return .createUser(
                id: id, name: name, role: role,
                hash: PasswordHash.derive(password: password, iterations: configuration.passwordIterations, setBy: .admin),
                reason: try body.optionalString("reason"))
        case .changeRole:
            try body.rejectUnknown(allowed: ["role", "reason"])
            return .changeRole(role: try readRole(body), reason: try body.optionalString("reason"))
        case .deactivateUser:
            try body.rejectUnknown(allowed: ["reason"])
            return .deactivateUser(reason: try body.optionalString("reason"))
        case .resetPassword:
            try body.rejectUnknown(allowed: ["password", "reason"])
            let password = try body.string("password", maxLength: 1024)
            try ScreeningService.validatePassword(password)
            return .resetPassword(
                hash: PasswordHash.derive(password: password, iterations: configuration.passwordIterations, setBy: .admin),
                reason: try body.optionalString("reason"))
        case .unlockUser:
            try body.rejectUnknown(allowed: ["reason"])
            return .unlockUser(reason: try body.optionalString("reason"))
        case .signEligibility:
            // The password and the meaning are the application's; the domain gets the rest.
            var members = body.members
            let password = try body.string("password", maxLength: 1024)
            // Required: a signature states its meaning (21 CFR 11.50), never an empty default.
            let meaning = try body.string("meaning", maxLength: 500)
            members.removeValue(forKey: "password")
            members.removeValue(forKey: "meaning")
            return .signEligibility(SignatureInput(
                password: password, meaning: meaning,
                command: try ScreeningInput.prepare(request, members: members)))
        default:
            return .screening(try ScreeningInput.prepare(request, members: body.members))
        }
    }

    private static func readRole(_ body: BodyReader) throws(AppError) -> Role {
        let text = try body.string("role", maxLength: 32)
        guard let role = Role(rawValue: text) else {
            throw .invalid("user.role_invalid", field: "role", "must be one of coordinator, investigator, monitor, admin")
        }
        return role
    }

    /// Side effects that must happen inside the transaction, before the batch commits; given the
    /// batch's last seq (credentials set by a batch that never becomes durable are dropped on open).
    func afterStage(credentials: CredentialStore, target: String?) -> (@Sendable (Int64) throws(AppError) -> Void)? {
        switch self {
        case .createUser(let id, _, _, let hash, _):
            return { seq throws(AppError) in try credentials.store(hash, for: id, seq: seq) }
        case .resetPassword(let hash, _):
            guard let target else { return nil }
            return { seq throws(AppError) in try credentials.store(hash, for: target, seq: seq) }
        default:
            return nil
        }
    }

    /// The user whose sessions end once this command is durable.
    func revokesSessions(target: String?) -> String? {
        switch self {
        case .changeRole, .deactivateUser, .resetPassword: target
        default: nil
        }
    }
}

extension PreparedCommand {
    /// The screening number whose state the decision reads: the one a screening command names
    /// (for a registration, the new number), else `target`.
    func subject(target: String?) -> String? {
        if case .screening(let input) = self { return input.command.subject }
        return target
    }
}
