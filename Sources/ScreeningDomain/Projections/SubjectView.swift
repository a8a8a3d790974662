/// One subject as a screen shows it: status, the evaluation with per-criterion outcomes and
/// evidence, the signature and whether it still applies, and what screening waits for.
public struct SubjectView: Sendable, Hashable {
    /// The screening number.
    public var screeningNumber: String
    /// The FHIR ResearchSubject status.
    public var status: ResearchSubjectStatus
    /// The screening date (site-local).
    public var screeningDate: LocalDate
    /// The current consent, if any.
    public var consent: ConsentRecord?
    /// The evaluation under the protocol version that applies (nil without a protocol): each
    /// criterion met / not met / missing / not applicable, with evidence citing source seqs.
    public var evaluation: EligibilityEvaluation?
    /// The latest eligibility signature, whether or not it still applies.
    public var signature: SignatureRecord?
    /// The enrolment, if enrolled.
    public var enrolment: EnrolmentRecord?
    /// The screen failure, if screen-failed.
    public var screenFailure: ScreenFailureRecord?
    /// The withdrawal, if withdrawn.
    public var withdrawal: WithdrawalRecord?
    /// What screening waits for; empty once nothing more is expected.
    public var waitingFor: [WaitingFor]

    /// Whether the latest signature still applies (false when unsigned or voided).
    public var signatureApplies: Bool { signature?.applies ?? false }
}

extension ScreeningState {
    /// The view of the subject with screening number `subject`, or nil if unknown.
    public func subjectView(_ subject: String) -> SubjectView? {
        subjects[subject].map(view(of:))
    }

    /// Every subject's view, in registration order.
    public func subjectViews() -> [SubjectView] {
        registrationOrder.compactMap { subjects[$0].map(view(of:)) }
    }

    func view(of record: SubjectRecord) -> SubjectView {
        let evaluation = evaluation(of: record)
        let status = status(of: record, evaluation: evaluation)
        return SubjectView(
            screeningNumber: record.screeningNumber, status: status, screeningDate: record.screeningDate,
            consent: record.consent, evaluation: evaluation, signature: record.signatures.last,
            enrolment: record.enrolment, screenFailure: record.screenFailure, withdrawal: record.withdrawal,
            waitingFor: waitingFor(record, status: status, evaluation: evaluation))
    }

    private func waitingFor(_ record: SubjectRecord, status: ResearchSubjectStatus, evaluation: EligibilityEvaluation?)
        -> [WaitingFor]
    {
        let voided = record.signatures.last?.voidedBy
        switch status {
        case .withdrawn, .notRegistered:
            return []
        case .onStudy:
            return voided.map { [.reSignAfterVoid(voidedBy: $0)] } ?? []
        case .candidate:
            return evaluation == nil ? [.protocolRegistration, .consent] : [.consent]
        case .screening:
            guard let evaluation else { return [.protocolRegistration] }
            return evaluation.criteria.compactMap { result in
                result.outcome == .missing ? .missingInputs(criterion: result.id, inputs: result.missingInputs) : nil
            }
        case .ineligible:
            if case .ineligible(let failing)? = evaluation?.overall { return [.screenFailDecision(failing: failing)] }
            return []
        case .eligible:
            if let voided { return [.reSignAfterVoid(voidedBy: voided)] }
            return record.currentSignature == nil ? [.investigatorSignOff] : [.enrolmentDecision]
        }
    }
}
