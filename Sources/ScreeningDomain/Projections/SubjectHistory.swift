public import EventLog

/// One subject's audit trail for people: who (id, printed name, role) did what, when (UTC and
/// site-local), why, and for every change the old and the new value.
///
/// Protocol registrations while the subject is still screening appear too, since they change which
/// rules apply to it; once screening ended the subject keeps its version, so later amendments do
/// not appear. An entry that voided the subject's signature says so.
public struct SubjectHistory: Sendable, Hashable {
    /// One field's change: `old` is nil when the field had no value before, `new` when it has none now.
    public struct Change: Sendable, Hashable {
        /// The field, e.g. `value`, `uln`, `consent`, `status`.
        public var field: String
        /// The value before.
        public var old: String?
        /// The value after.
        public var new: String?

        /// Creates a change.
        public init(field: String, old: String?, new: String?) {
            self.field = field
            self.old = old
            self.new = new
        }
    }

    /// One entry of the trail.
    public struct Entry: Sendable, Hashable {
        /// The log seq.
        public var seq: Int64
        /// The event type, e.g. `assessment.corrected`.
        public var type: String
        /// Who acted: stable id, printed name, role.
        public var actor: Actor
        /// When, as the log records it (UTC).
        public var at: Timestamp
        /// When, in UTC as the log writes it (`2026-11-29T02:00:00.000000Z`).
        public var atUTC: String
        /// When, in the site's time zone with its offset (`2026-11-29T10:00:00.000000+08:00`).
        public var atSite: String
        /// Why (the envelope's reason), if given.
        public var reason: String?
        /// What happened, in one line.
        public var summary: String
        /// The fields changed, old to new.
        public var changes: [Change]
        /// The seq of the signature this entry voided, if it voided one.
        public var voidedSignatureSeq: Int64?
    }

    /// The screening number.
    public var subject: String
    /// The trail in log order.
    public var entries: [Entry]
}

extension SubjectHistory {
    /// Builds the trail of `subject` from the log `entries` (any order-preserving sequence of the
    /// whole log, or of the subject's entries plus protocol registrations).
    public static func build(subject: String, from entries: some Sequence<LogEntry>, site: SiteCalendar = .standard)
        throws(DomainError) -> SubjectHistory
    {
        var state = ScreeningState(site: site)
        var trail: [Entry] = []
        for entry in entries {
            let isProtocol = entry.type == ProtocolRegistered.eventType
            guard entry.subject == subject || isProtocol else { continue }
            let before = state
            try state.apply(entry)
            guard let event = try ScreeningEvent(entry: entry) else { continue }
            // An amendment applies only to a subject still screening; an ended subject keeps its version.
            if isProtocol && before.subjects[subject]?.screeningEnded != false { continue }
            let (summary, changes) = describe(event, subject: subject, before: before)
            let voided = voidedSignature(subject, before: before, after: state, by: entry.seq)
            trail.append(
                Entry(
                    seq: entry.seq, type: entry.type, actor: entry.actor, at: entry.at, atUTC: entry.at.formatted,
                    atSite: site.localTimestampString(entry.at), reason: entry.reason, summary: summary,
                    changes: changes,
                    voidedSignatureSeq: voided))
        }
        return SubjectHistory(subject: subject, entries: trail)
    }

    private static func voidedSignature(_ subject: String, before: ScreeningState, after: ScreeningState, by seq: Int64)
        -> Int64?
    {
        guard let signature = after.subjects[subject]?.signatures.last, signature.voidedBy?.seq == seq,
            before.subjects[subject]?.signatures.last?.applies == true
        else { return nil }
        return signature.seq
    }

    private static func describe(_ event: ScreeningEvent, subject: String, before: ScreeningState) -> (String, [Change])
    {
        let record = before.subjects[subject]
        switch event {
        case .protocolRegistered(let registered):
            let definition = registered.definition
            return (
                "Protocol \(definition.protocolID) v\(definition.version) came into force",
                [
                    Change(
                        field: "protocolVersion", old: record.flatMap(before.protocolInForce(for:))?.definition.version,
                        new: definition.version)
                ]
            )
        case .subjectRegistered(let registered):
            var changes = [
                Change(field: "screeningNumber", old: nil, new: registered.screeningNumber),
                Change(field: "screeningDate", old: nil, new: registered.screeningDate.iso),
            ]
            if let dateOfBirth = registered.dateOfBirth {
                changes.append(Change(field: "dateOfBirth", old: nil, new: dateOfBirth.iso))
            }
            if let sex = registered.sex { changes.append(Change(field: "sex", old: nil, new: sex.rawValue)) }
            return ("Registered for screening", changes)
        case .consentRecorded(let consent):
            return (
                "Consent recorded (form \(consent.formVersion))",
                [
                    Change(
                        field: "consent", old: record?.consent.map(describe),
                        new: "form \(consent.formVersion) signed \(consent.dateSigned.iso)")
                ]
            )
        case .consentWithdrawn(let withdrawn):
            return (
                "Consent withdrawn on \(withdrawn.dateWithdrawn.iso)",
                [Change(field: "consent", old: record?.consent.map(describe), new: nil)]
            )
        case .assessmentRecorded(let recorded):
            let previous = record?.currentAssessmentSeq[recorded.finding.input].flatMap {
                record?.assessments[$0]?.finding
            }
            return ("Recorded \(recorded.finding.input)", changes(from: previous, to: recorded.finding))
        case .assessmentCorrected(let corrected):
            let previous = record?.assessments[corrected.supersedes]?.finding
            return (
                "Corrected \(corrected.finding.input), superseding seq \(corrected.supersedes)",
                changes(from: previous, to: corrected.finding)
            )
        case .eligibilitySigned(let signed):
            return (
                "Eligibility signed by \(signed.printedName): \(signed.meaning)",
                [
                    Change(
                        field: "signature",
                        old: record?.signatures.last.map { "seq \($0.seq)" + ($0.applies ? "" : " (voided)") },
                        new: signed.printedName),
                    Change(field: "evaluationSHA256", old: nil, new: signed.evaluationSHA256),
                ]
            )
        case .subjectEnrolled(let enrolled):
            return (
                "Enrolled on \(enrolled.enrolledOn.iso) (signature seq \(enrolled.signatureSeq))",
                [Change(field: "status", old: statusText(record, before), new: ResearchSubjectStatus.onStudy.rawValue)]
            )
        case .subjectScreenFailed(let failed):
            var summary = "Screen failed: \(failed.category.rawValue)"
            if !failed.criteria.isEmpty { summary += " (\(failed.criteria.joined(separator: ", ")))" }
            if let text = failed.text { summary += " - \(text)" }
            return (
                summary,
                [
                    Change(
                        field: "status", old: statusText(record, before),
                        new: ResearchSubjectStatus.notRegistered.rawValue)
                ]
            )
        case .subjectWithdrawn(let withdrawn):
            return (
                "Withdrawn on \(withdrawn.withdrawnOn.iso), initiated by the \(withdrawn.initiatedBy.rawValue)",
                [
                    Change(
                        field: "status", old: statusText(record, before), new: ResearchSubjectStatus.withdrawn.rawValue)
                ]
            )
        case .auditReviewed(let reviewed):
            return ("Audit trail reviewed through seq \(reviewed.throughSeq)", [])
        }
    }

    private static func describe(_ consent: ConsentRecord) -> String {
        "form \(consent.formVersion) signed \(consent.dateSigned.iso)"
    }

    private static func statusText(_ record: SubjectRecord?, _ state: ScreeningState) -> String? {
        record.map { state.status(of: $0, evaluation: state.evaluation(of: $0)).rawValue }
    }

    /// Field-by-field differences between two findings; every field of `new` when there is no old one.
    private static func changes(from old: AssessmentFinding?, to new: AssessmentFinding) -> [Change] {
        let fields: [(String, (AssessmentFinding) -> String?)] = [
            (
                "value",
                { finding in ObservationValueCoding.text(finding.value) + (finding.unit.map { " " + $0 } ?? "") }
            ),
            ("uln", { $0.uln.map { $0.description } }),
            ("observedOn", { $0.observedOn?.iso }),
            ("method", { $0.method }),
            (
                "methodInputs",
                { finding in
                    finding.methodInputs.map { inputs in
                        inputs.keys.sorted().map { "\($0)=\(ObservationValueCoding.text(inputs[$0]!))" }.joined(
                            separator: ", ")
                    }
                }
            ),
            ("sourceDocument", { $0.sourceDocument }),
        ]
        return fields.compactMap { name, render in
            let before = old.flatMap(render)
            let after = render(new)
            guard before != after else { return nil }
            return Change(field: name, old: before, new: after)
        }
    }
}
