import EventLog

extension ScreeningState {
    func decideSign(_ command: SignEligibility, by actor: Actor) throws(DomainError) -> EventDraft {
        try requireRole(actor, in: [ScreeningRole.investigator], to: "sign eligibility")
        let record = try requireSubject(command.subject, .allowedAfterEnrolment)
        let registered = try requireProtocol(for: record)
        guard actor.name.contains(where: { !$0.isWhitespace }) else {
            throw DomainError(
                code: "actor.name_missing", field: "actor.name",
                reason: "A signature shows the signer's printed name; the account has none.")
        }
        let evaluation = registered.evaluate(record.facts)
        let digest = evaluation.sha256.hex
        guard command.evaluationSHA256.lowercased() == digest else {
            throw DomainError(
                code: "evaluation.stale", field: "evaluationSHA256",
                reason:
                    "The subject's evaluation changed since it was reviewed; review the current evaluation and sign again."
            )
        }
        guard evaluation.overall == .eligible else {
            throw DomainError(
                code: "evaluation.not_eligible", field: "evaluation",
                reason: "Only an eligible evaluation can be signed.")
        }
        if record.currentSignature?.signed.evaluationSHA256 == digest {
            throw DomainError(
                code: "signature.exists", field: "subject",
                reason: "This evaluation already carries a signature that applies.")
        }
        let definition = registered.definition
        let event = EligibilitySigned(
            printedName: actor.name,
            meaning: EligibilitySigned.meaning(protocolID: definition.protocolID, version: definition.version),
            evaluationSHA256: digest, protocolID: definition.protocolID, protocolVersion: definition.version,
            protocolSHA256: registered.sha256.hex)
        return ScreeningEvent.eligibilitySigned(event).draft(actor: actor, subject: command.subject)
    }

    func decideEnrol(_ command: EnrolSubject, by actor: Actor, today: LocalDate) throws(DomainError) -> EventDraft {
        try requireRole(actor, in: [ScreeningRole.investigator], to: "enrol subjects")
        let record = try requireSubject(command.subject, .refused)
        let registered = try requireProtocol(for: record)
        guard record.consent != nil else {
            throw DomainError(code: "consent.missing", field: "consent", reason: "The subject has no current consent.")
        }
        guard let last = record.signatures.last else {
            throw DomainError(
                code: "signature.missing", field: "signature",
                reason: "No investigator has signed the subject's eligibility.")
        }
        if let void = last.voidedBy {
            throw DomainError(
                code: "signature.voided", field: "signature",
                reason:
                    "The eligibility signature (seq \(last.seq)) was voided by seq \(void.seq) (\(void.eventType)); it must be signed again."
            )
        }
        let evaluation = registered.evaluate(record.facts)
        guard evaluation.sha256.hex == last.signed.evaluationSHA256, evaluation.overall == .eligible else {
            throw DomainError(
                code: "evaluation.stale", field: "signature",
                reason: "The signed evaluation is no longer the subject's current evaluation.")
        }
        return ScreeningEvent.subjectEnrolled(SubjectEnrolled(enrolledOn: today, signatureSeq: last.seq)).draft(
            actor: actor, subject: command.subject)
    }

    func decideScreenFail(_ command: ScreenFailSubject, by actor: Actor) throws(DomainError) -> EventDraft {
        try requireRole(actor, in: ScreeningRole.dataWriters, to: "record screen failures")
        let record = try requireSubject(command.subject, .refused)
        let text = command.text.flatMap { $0.contains(where: { !$0.isWhitespace }) ? $0 : nil }
        var criteria: [String] = []
        switch command.category {
        case .criteria:
            let evaluation = try requireProtocol(for: record).evaluate(record.facts)
            guard case .ineligible(let failing) = evaluation.overall else {
                throw DomainError(
                    code: "screen_fail.criteria_invalid", field: "criteria",
                    reason: "The current evaluation has no failing criterion; use declined or other.")
            }
            criteria = failing
            if let named = command.criteria, !named.isEmpty {
                if let wrong = named.first(where: { !failing.contains($0) }) {
                    throw DomainError(
                        code: "screen_fail.criteria_invalid", field: "criteria",
                        reason: "Criterion \(wrong) is not among the failing criteria of the current evaluation.")
                }
                criteria = failing.filter(named.contains)
            }
        case .declined:
            break
        case .other:
            guard text != nil else {
                throw DomainError(
                    code: "screen_fail.text_missing", field: "text",
                    reason: "A screen failure for another reason needs the reason in words.")
            }
        }
        let event = SubjectScreenFailed(category: command.category, criteria: criteria, text: text)
        return ScreeningEvent.subjectScreenFailed(event).draft(actor: actor, subject: command.subject)
    }
}
