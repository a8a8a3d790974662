import EventLog
import ScreeningDomain

extension WaitingFor {
    /// `{"kind", ...}`: `consent`, `protocolRegistration`, `investigatorSignOff`,
    /// `enrolmentDecision`, `missingInputs` (`criterion`, `inputs`), `reSignAfterVoid`
    /// (`voidedBy`: `{"seq", "type"}`), `screenFailDecision` (`failing`).
    var jsonValue: JSONValue {
        switch self {
        case .protocolRegistration: ["kind": "protocolRegistration"]
        case .consent: ["kind": "consent"]
        case .missingInputs(let criterion, let inputs):
            ["kind": "missingInputs", "criterion": .string(criterion), "inputs": .array(inputs.map { .string($0) })]
        case .investigatorSignOff: ["kind": "investigatorSignOff"]
        case .reSignAfterVoid(let void):
            ["kind": "reSignAfterVoid", "voidedBy": ["seq": .integer(void.seq), "type": .string(void.eventType)]]
        case .enrolmentDecision: ["kind": "enrolmentDecision"]
        case .screenFailDecision(let failing): ["kind": "screenFailDecision", "failing": .array(failing.map { .string($0) })]
        }
    }

    /// One short phrase for tables.
    var text: String {
        switch self {
        case .protocolRegistration: "protocol registration"
        case .consent: "consent"
        case .missingInputs(let criterion, let inputs): "\(criterion): \(inputs.joined(separator: ", "))"
        case .investigatorSignOff: "investigator sign-off"
        case .reSignAfterVoid(let void): "re-sign (voided by seq \(void.seq))"
        case .enrolmentDecision: "enrolment decision"
        case .screenFailDecision(let failing): "screen-fail decision (\(failing.joined(separator: ", ")))"
        }
    }
}
