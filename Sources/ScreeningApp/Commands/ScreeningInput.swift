import EventLog

/// A screening command read from its body (wired to ScreeningDomain's commands).
struct ScreeningInput: Sendable {
    var kind: CommandKind
    var body: JSONValue

    static func prepare(_ request: CommandRequest, body: BodyReader) throws(AppError) -> ScreeningInput {
        ScreeningInput(kind: request.kind, body: request.body)
    }
}

/// Screening decisions over the domain (wired to ScreeningDomain's decide).
enum ScreeningDecisions {
    static func decide(_ input: ScreeningInput, state: AppState, actor: Actor, at: Timestamp, target: String?) throws(AppError) -> [EventDraft] {
        throw .unavailable("not_wired", "screening commands are wired once the domain lands")
    }

    static func sign(_ input: PreparedCommand.SignatureInput, state: AppState, actor: Actor, at: Timestamp, target: String?) throws(AppError) -> [EventDraft] {
        throw .unavailable("not_wired", "screening commands are wired once the domain lands")
    }
}

/// The protocol definitions shipped with the package (wired to ScreeningDomain).
enum BundledProtocols {
    static func initial() throws(AppError) -> JSONValue { .object([:]) }
}

/// The `protocol.registered` draft (wired to ScreeningDomain's event).
enum ProtocolRegistration {
    static func draft(_ definition: JSONValue, actor: Actor) throws(AppError) -> EventDraft {
        EventDraft(type: "protocol.registered", actor: actor, data: ["definition": definition])
    }
}
