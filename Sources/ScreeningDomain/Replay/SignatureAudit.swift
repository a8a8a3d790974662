public import EventLog

/// The audit replay of electronic signatures: for every `eligibility.signed` entry, the
/// evaluation is recomputed from the log just before that entry, under the protocol version in
/// force then, and its SHA-256 compared with the one signed.
public struct SignatureAuditReport: Sendable, Hashable {
    /// The result for one signature.
    public enum Outcome: Sendable, Hashable {
        /// The recomputed evaluation is the one signed.
        case ok
        /// It is not: `expected` is the digest signed, `found` the recomputed one (nil when no
        /// evaluation could be computed: unknown subject or no protocol).
        case mismatch(expected: String, found: String?)
    }

    /// One signature checked.
    public struct Check: Sendable, Hashable {
        /// The seq of the `eligibility.signed` entry.
        public var seq: Int64
        /// The screening number.
        public var subject: String
        /// The signer.
        public var signer: Actor
        /// When it was signed (UTC).
        public var at: Timestamp
        /// The protocol version named by the signature.
        public var protocolVersion: String
        /// The outcome.
        public var outcome: Outcome
    }

    /// Every signature in log order.
    public var checks: [Check]

    /// True when every signature matched (also true for a log without signatures).
    public var allMatch: Bool { checks.allSatisfy { $0.outcome == .ok } }
    /// The checks that failed.
    public var mismatches: [Check] { checks.filter { $0.outcome != .ok } }
}

extension SignatureAuditReport {
    /// Audits every signature in `entries` (the whole log, in seq order).
    public static func audit(_ entries: some Sequence<LogEntry>, site: SiteCalendar = .standard) throws(DomainError)
        -> SignatureAuditReport
    {
        var state = ScreeningState(site: site)
        var checks: [Check] = []
        for entry in entries {
            if entry.type == EligibilitySigned.eventType {
                let signed: EligibilitySigned
                do {
                    signed = try EligibilitySigned(data: entry.data)
                } catch {
                    throw DomainError(
                        code: error.code, field: error.field, reason: error.reason + " (seq \(entry.seq))")
                }
                let subject = entry.subject ?? ""
                let found = state.evaluation(ofSubject: subject)?.sha256.hex
                checks.append(
                    Check(
                        seq: entry.seq, subject: subject, signer: entry.actor, at: entry.at,
                        protocolVersion: signed.protocolVersion,
                        outcome: found == signed.evaluationSHA256
                            ? .ok : .mismatch(expected: signed.evaluationSHA256, found: found)))
            }
            try state.apply(entry)
        }
        return SignatureAuditReport(checks: checks)
    }
}
