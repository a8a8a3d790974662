/// The subject screening log (ICH E6(R2) 8.3.20): everyone who entered screening, the screening
/// date, eligible or not, the reason for screen failure, and the enrolment date; with CONSORT counts.
public struct ScreeningLog: Sendable, Hashable {
    /// One subject's line.
    public struct Row: Sendable, Hashable {
        /// The screening number.
        public var screeningNumber: String
        /// The screening date (site-local).
        public var screeningDate: LocalDate
        /// The FHIR ResearchSubject status.
        public var status: ResearchSubjectStatus
        /// Eligible (true), not eligible (false), or not yet determined (nil).
        public var eligible: Bool?
        /// The screen-failure category, if screening ended without enrolment.
        public var screenFailure: ScreenFailureCategory?
        /// The criteria not met, for a screen failure on criteria.
        public var criteriaNotMet: [String]
        /// The explanation given with a screen failure or withdrawal.
        public var reasonText: String?
        /// The enrolment date (site-local), if enrolled.
        public var enrolledOn: LocalDate?
        /// The withdrawal date (site-local), if withdrawn.
        public var withdrawnOn: LocalDate?
    }

    /// One row per registered subject, in registration (chronological) order.
    public var rows: [Row]
    /// The CONSORT flow counts for the same subjects.
    public var consort: ConsortCounts
}

extension ScreeningState {
    /// The screening log and CONSORT counts of every registered subject.
    public func screeningLog() -> ScreeningLog {
        var rows: [ScreeningLog.Row] = []
        var consort = ConsortCounts()
        for number in registrationOrder {
            guard let record = subjects[number] else { continue }
            let evaluation = evaluation(of: record)
            var row = ScreeningLog.Row(
                screeningNumber: number, screeningDate: record.screeningDate,
                status: status(of: record, evaluation: evaluation),
                eligible: Self.eligible(evaluation), screenFailure: nil, criteriaNotMet: [], reasonText: nil,
                enrolledOn: record.enrolment?.enrolledOn, withdrawnOn: record.withdrawal?.withdrawal.withdrawnOn)
            if let failure = record.screenFailure?.failure {
                row.screenFailure = failure.category
                row.criteriaNotMet = failure.criteria
                row.reasonText = failure.text
                if failure.category == .criteria { row.eligible = false }
            } else if let withdrawal = record.withdrawal, record.enrolment == nil {
                // A withdrawal before enrolment excludes the subject like a screen failure:
                // declined when the subject withdrew, other when the site did.
                row.screenFailure = withdrawal.withdrawal.initiatedBy == .subject ? .declined : .other
                row.reasonText = withdrawal.reason
            }
            if record.enrolment != nil { row.eligible = true }
            consort.count(row)
            rows.append(row)
        }
        return ScreeningLog(rows: rows, consort: consort)
    }

    private static func eligible(_ evaluation: EligibilityEvaluation?) -> Bool? {
        switch evaluation?.overall {
        case .eligible?: true
        case .ineligible?: false
        case .incomplete?, nil: nil
        }
    }
}
