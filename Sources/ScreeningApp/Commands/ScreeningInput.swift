import EventLog
import ScreeningDomain

/// A screening command read from its body: the domain's command, parsed before any state is seen.
struct ScreeningInput: Sendable {
    var command: ScreeningCommand

    /// The domain's command name for each application command.
    static func domainName(_ kind: CommandKind) -> String? {
        switch kind {
        case .register: "subject.register"
        case .consent: "consent.record"
        case .withdrawConsent: "consent.withdraw"
        case .assessment, .attestation: "assessment.record"
        case .correction: "assessment.correct"
        case .signEligibility: "eligibility.sign"
        case .enrol: "subject.enrol"
        case .screenFail: "subject.screen_fail"
        case .withdraw: "subject.withdraw"
        case .auditReviewed: "audit.review"
        case .registerProtocol: "protocol.register"
        case .createUser, .changeRole, .deactivateUser, .resetPassword, .unlockUser: nil
        }
    }

    static func prepare(_ request: CommandRequest, members: [String: JSONValue]) throws(AppError) -> ScreeningInput {
        guard let name = domainName(request.kind) else {
            throw .malformed("command.unknown", field: "command", "not a screening command")
        }
        var body = members
        if request.kind.needsTarget, let target = request.target {
            // The path names the subject; a body that names another one is refused.
            if let named = body["subject"], named != .string(target) {
                throw .malformed("subject.mismatch", field: "subject", "the body names a different subject than the path")
            }
            body["subject"] = .string(target)
        }
        if request.kind == .registerProtocol, let bundled = body["bundled"] {
            guard body.count == 1, let resource = bundled.stringValue else {
                throw .malformed("field.invalid", field: "bundled", "give either a bundled definition's name or a definition")
            }
            do {
                body = ["definition": try ProtocolDefinition.bundled(named: resource).jsonValue]
            } catch {
                throw .invalid(error.code, field: "bundled", "no bundled protocol definition has this name")
            }
        }
        do {
            return ScreeningInput(command: try ScreeningCommand(name: name, body: body))
        } catch {
            throw DomainErrors.appError(error)
        }
    }
}

/// Screening decisions: the domain's `decide` against the current state.
enum ScreeningDecisions {
    static func decide(_ input: ScreeningInput, state: AppState, actor: Actor, at: Timestamp) throws(AppError) -> [EventDraft] {
        do {
            return try state.screening.decide(input.command, by: actor, at: at)
        } catch {
            throw DomainErrors.appError(error)
        }
    }
}

/// The protocol definitions shipped with the package.
enum BundledProtocols {
    /// The definition `init` registers: the CD7 CAR-T protocol v1.0.
    static func initial() throws(AppError) -> ProtocolDefinition {
        do {
            return try ProtocolDefinition.bundledCD7CART()
        } catch {
            throw .unavailable(error.code, "the bundled protocol definition cannot be read: \(error.reason)")
        }
    }
}
