/// What a subject's screening is waiting for, as the worklist shows it.
public enum WaitingFor: Sendable, Hashable {
    /// No protocol version is registered yet.
    case protocolRegistration
    /// Informed consent (none on file, or it was withdrawn).
    case consent
    /// Inputs a criterion needs that are not recorded yet (criterion id, input ids).
    case missingInputs(criterion: String, inputs: [String])
    /// An investigator's eligibility signature on the current (eligible) evaluation.
    case investigatorSignOff
    /// A new signature, because a later change voided the last one.
    case reSignAfterVoid(voidedBy: SignatureVoid)
    /// The decision to enrol (eligible, signed, consented).
    case enrolmentDecision
    /// A decision to end screening, because these criteria fail.
    case screenFailDecision(failing: [String])
}
