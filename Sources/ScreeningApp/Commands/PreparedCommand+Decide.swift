import EventLog
import ScreeningDomain

extension PreparedCommand {
    /// Decides against the current state: the drafts to append, or why not.
    func decide(state: AppState, actor: Actor, at: Timestamp, target: String?) throws(AppError) -> [EventDraft] {
        switch self {
        case .createUser(let id, let name, let role, _, let reason):
            if state.accounts[id] != nil {
                throw .conflict("user.exists", field: "id", "this user id is already in use (ids are never reused)")
            }
            return [EventDraft(
                type: AccountEvent.created, actor: actor,
                data: ["userID": .string(id), "name": .string(name), "role": .string(role.rawValue)], reason: reason)]
        case .changeRole(let role, let reason):
            let account = try Self.target(target, in: state)
            if account.role == role {
                throw .conflict("user.role_unchanged", field: "role", "the account already has this role")
            }
            try Self.keepAnAdmin(losing: account, state: state)
            return [EventDraft(
                type: AccountEvent.roleChanged, actor: actor,
                data: ["userID": .string(account.id), "role": .string(role.rawValue), "previousRole": .string(account.role.rawValue)],
                reason: reason)]
        case .deactivateUser(let reason):
            let account = try Self.target(target, in: state)
            try Self.keepAnAdmin(losing: account, state: state)
            return [EventDraft(
                type: AccountEvent.deactivated, actor: actor, data: ["userID": .string(account.id)], reason: reason)]
        case .resetPassword(_, let reason):
            let account = try Self.target(target, in: state)
            return [EventDraft(
                type: AccountEvent.passwordReset, actor: actor, data: ["userID": .string(account.id)], reason: reason)]
        case .unlockUser(let reason):
            let account = try Self.target(target, in: state)
            guard account.locked else {
                throw .conflict("user.not_locked", "the account is not locked")
            }
            return [EventDraft(
                type: AccountEvent.unlocked, actor: actor, data: ["userID": .string(account.id)], reason: reason)]
        case .signEligibility(let signature):
            if let meaning = signature.meaning, let target,
                let record = state.screening.subjects[target],
                let definition = state.screening.protocolInForce(for: record)?.definition,
                !Self.confirms(meaning, EligibilitySigned.meaning(protocolID: definition.protocolID, version: definition.version))
            {
                throw .conflict("signature.meaning_mismatch", field: "meaning", "the meaning shown differs from the protocol's signature meaning")
            }
            return try ScreeningDecisions.decide(signature.command, state: state, actor: actor, at: at)
        case .screening(let input):
            return try ScreeningDecisions.decide(input, state: state, actor: actor, at: at)
        }
    }

    /// The general statement every signature meaning starts with.
    static let generalMeaning = "I confirm the subject meets all eligibility criteria"

    /// Whether the meaning a client sent back confirms the protocol's signature meaning: the full
    /// text, or its general statement without the protocol reference (the stored meaning is
    /// always the protocol's full text).
    static func confirms(_ sent: String, _ meaning: String) -> Bool {
        sent == meaning || (meaning.hasPrefix(sent) && sent.count >= generalMeaning.count)
    }

    private static func target(_ id: String?, in state: AppState) throws(AppError) -> Account {
        guard let id, let account = state.accounts[id] else {
            throw .notFound("user.unknown", field: "target", "no account has this id")
        }
        guard account.active else {
            throw .conflict("user.inactive", field: "target", "the account is deactivated")
        }
        return account
    }

    /// Refuses to remove the last active administrator (nobody could manage accounts any more).
    private static func keepAnAdmin(losing account: Account, state: AppState) throws(AppError) {
        guard account.role == .admin else { return }
        let admins = state.accounts.all.filter { $0.role == .admin && $0.active }
        if admins.count <= 1 {
            throw .conflict("user.last_admin", field: "target", "this is the last active admin account")
        }
    }
}
