import EventLog
import ScreeningDomain

extension ScreeningService {
    /// The entries `init` writes after `log.created`: the first admin and the bundled protocol.
    func bootstrap(admin: NewAccount, actor: Actor, via: Interface) async throws(AppError) {
        let definition = try BundledProtocols.initial()
        _ = try await commit { state, at throws(AppError) in
            if state.accounts[admin.id] != nil {
                throw .conflict("user.exists", field: "id", "this user id is already in use")
            }
            let created = EventDraft(
                type: AccountEvent.created, actor: actor,
                data: ["userID": .string(admin.id), "name": .string(admin.name), "role": .string(admin.role.rawValue),
                       "bootstrap": true])
            let registered = try ScreeningDecisions.decide(
                ScreeningInput(command: .registerProtocol(RegisterProtocol(definition: definition))),
                state: state, actor: actor, at: at)
            return Decision(drafts: Self.stamp([created] + registered, via: via, request: nil), result: ())
        }
    }
}
