public import EventLog

extension ScreeningState {
    /// Folds `entries` in order into a new state for `site` (the projection rebuild).
    ///
    /// Throws the first `event.malformed`, `event.schema_unsupported` or `event.inconsistent`
    /// error, naming the entry's seq in its reason.
    public static func fold(_ entries: some Sequence<LogEntry>, site: SiteCalendar = .standard) throws(DomainError)
        -> ScreeningState
    {
        var state = ScreeningState(site: site)
        for entry in entries { try state.apply(entry) }
        return state
    }

    /// Folds one entry into the state. Entries of types the domain does not own only advance
    /// `lastSeq`; a malformed or impossible screening entry throws and leaves the state unchanged.
    public mutating func apply(_ entry: LogEntry) throws(DomainError) {
        try apply(entry, ignoringPayloadMembers: [])
    }

    /// Folds one entry as `apply(_:)` does, reading its payload as if the members named in
    /// `ignored` were absent (the application's `via` and `request`), without copying the entry.
    public mutating func apply(_ entry: LogEntry, ignoringPayloadMembers ignored: Set<String>) throws(DomainError) {
        try apply(Self.decode(entry, ignoringPayloadMembers: ignored), of: entry)
    }

    /// The domain's event in `entry` (nil for a type the domain does not own), decoded as
    /// ``apply(_:ignoringPayloadMembers:)`` decodes it: the first half of applying an entry,
    /// which needs no state, so that a rebuild can decode on several threads and apply in order.
    public static func decode(_ entry: LogEntry, ignoringPayloadMembers ignored: Set<String>) throws(DomainError)
        -> ScreeningEvent?
    {
        do {
            return try ScreeningEvent(entry: entry, ignoringPayloadMembers: ignored)
        } catch {
            throw DomainError(code: error.code, field: error.field, reason: error.reason + " (seq \(entry.seq))")
        }
    }

    /// Folds `entry`, whose event `decode(_:ignoringPayloadMembers:)` gave: the second half of
    /// applying an entry.
    public mutating func apply(_ event: ScreeningEvent?, of entry: LogEntry) throws(DomainError) {
        if let event { try apply(event, of: entry) }
        lastSeq = entry.seq
        lastAt = entry.at
    }

    private mutating func apply(_ event: ScreeningEvent, of entry: LogEntry) throws(DomainError) {
        let seq = entry.seq
        switch event {
        case .protocolRegistered(let registered):
            register(RegisteredProtocol(definition: registered.definition, seq: seq, at: entry.at))
        case .subjectRegistered(let registered):
            guard entry.subject == registered.screeningNumber, subjects[registered.screeningNumber] == nil else {
                throw inconsistent(entry, "registers a screening number twice or under another subject")
            }
            subjects[registered.screeningNumber] = SubjectRecord(registered: registered, seq: seq)
            registrationOrder.append(registered.screeningNumber)
        case .consentRecorded(let consent):
            try modifySubject(of: entry) { record in
                record.consent = ConsentRecord(
                    formVersion: consent.formVersion, dateSigned: consent.dateSigned, seq: seq)
                record.voidSignature(by: seq, eventType: entry.type)
            }
        case .consentWithdrawn:
            try modifySubject(of: entry) { record in
                record.consent = nil
                record.voidSignature(by: seq, eventType: entry.type)
            }
        case .assessmentRecorded(let recorded):
            try modifySubject(of: entry) { record in
                record.assessments[seq] = AssessmentRecord(
                    seq: seq, at: entry.at, actor: entry.actor, finding: recorded.finding)
                record.currentAssessmentSeq[recorded.finding.input] = seq
                record.voidSignature(by: seq, eventType: entry.type)
            }
        case .assessmentCorrected(let corrected):
            try applyCorrection(corrected, of: entry)
        case .eligibilitySigned(let signed):
            try modifySubject(of: entry) { record in
                record.signatures.append(SignatureRecord(seq: seq, at: entry.at, signer: entry.actor, signed: signed))
            }
        case .subjectEnrolled(let enrolled):
            let pin = protocols.count - 1
            try modifySubject(of: entry) { record in
                record.enrolment = EnrolmentRecord(
                    seq: seq, at: entry.at, enrolledOn: enrolled.enrolledOn, signatureSeq: enrolled.signatureSeq)
                if record.pinnedProtocolIndex == nil, pin >= 0 { record.pinnedProtocolIndex = pin }
            }
        case .subjectScreenFailed(let failed):
            let pin = protocols.count - 1
            try modifySubject(of: entry) { record in
                record.screenFailure = ScreenFailureRecord(seq: seq, at: entry.at, failure: failed)
                if record.pinnedProtocolIndex == nil, pin >= 0 { record.pinnedProtocolIndex = pin }
            }
        case .subjectWithdrawn(let withdrawn):
            let pin = protocols.count - 1
            try modifySubject(of: entry) { record in
                record.withdrawal = WithdrawalRecord(
                    seq: seq, at: entry.at, withdrawal: withdrawn, reason: entry.reason)
                if record.pinnedProtocolIndex == nil, pin >= 0 { record.pinnedProtocolIndex = pin }
            }
        case .auditReviewed(let reviewed):
            try modifySubject(of: entry) { record in
                record.auditReviews.append(
                    AuditReviewRecord(seq: seq, at: entry.at, reviewer: entry.actor, throughSeq: reviewed.throughSeq))
            }
        }
    }

    private mutating func applyCorrection(_ corrected: AssessmentCorrected, of entry: LogEntry) throws(DomainError) {
        guard let subject = entry.subject,
            subjects[subject]?.assessments[corrected.supersedes]?.finding.input == corrected.finding.input
        else { throw inconsistent(entry, "corrects an entry that is not an assessment of this subject and input") }
        try modifySubject(of: entry) { record in
            record.assessments[corrected.supersedes]?.supersededBy = entry.seq
            record.assessments[entry.seq] = AssessmentRecord(
                seq: entry.seq, at: entry.at, actor: entry.actor, finding: corrected.finding,
                supersedes: corrected.supersedes, reason: entry.reason)
            record.currentAssessmentSeq[corrected.finding.input] = entry.seq
            record.voidSignature(by: entry.seq, eventType: entry.type)
        }
    }

    /// Brings `registered` into force: later evaluations use it, and still-screening subjects
    /// whose signed evaluation it changes lose their signature.
    mutating func register(_ registered: RegisteredProtocol) {
        protocols.append(registered)
        voidSignaturesChangedByAmendment(seq: registered.seq)
    }

    /// An amendment voids a still-screening subject's signature when the evaluation under the new
    /// version differs from the one signed. Subjects whose screening ended keep the version they
    /// ended under, so their signatures stand.
    private mutating func voidSignaturesChangedByAmendment(seq: Int64) {
        guard let registered = protocols.last else { return }
        var changed: [String] = []
        for (number, record) in subjects where !record.screeningEnded {
            guard let signature = record.currentSignature else { continue }
            if registered.evaluate(record.facts).sha256.hex != signature.signed.evaluationSHA256 {
                changed.append(number)
            }
        }
        // Mutating after the scan keeps the dictionary's storage unshared (no copy per subject).
        for number in changed { subjects[number]?.voidSignature(by: seq, eventType: ProtocolRegistered.eventType) }
    }

    private mutating func modifySubject(of entry: LogEntry, _ change: (inout SubjectRecord) -> Void) throws(DomainError)
    {
        // One hash lookup, then a mutation in place (no move of the record through an optional).
        guard let subject = entry.subject, let index = subjects.index(forKey: subject) else {
            throw inconsistent(entry, "names no registered subject")
        }
        change(&subjects.values[index])
    }

    private func inconsistent(_ entry: LogEntry, _ problem: String) -> DomainError {
        DomainError(
            code: "event.inconsistent", field: "subject", reason: "A \(entry.type) entry \(problem) (seq \(entry.seq))."
        )
    }
}
