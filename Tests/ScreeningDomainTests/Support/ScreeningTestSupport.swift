import EventLog
import LogCrypto
import ScreeningDomain
import Testing

// The one place tests build protocols, actors, findings and in-memory logs.

/// Synthetic users (no real people).
enum TestActors {
    static let coordinator = Actor(id: "u-coord-01", name: "Lin Coordinator", role: "coordinator")
    static let investigator = Actor(id: "u-inv-01", name: "Dr. Wei Investigator", role: "investigator")
    static let secondInvestigator = Actor(id: "u-inv-02", name: "Dr. Zhao Second", role: "investigator")
    static let monitor = Actor(id: "u-mon-01", name: "Mona Monitor", role: "monitor")
    static let admin = Actor(id: "u-admin-01", name: "Ada Admin", role: "admin")
}

/// A small synthetic protocol exercising each rule kind the scenarios need.
///
/// v1: I1 consent, I2 age >= 18, I3 ECOG <= 2, I4 SpO2 > 92 %, I5 AST <= 2.5 x ULN,
/// I6 survival > 12 weeks (investigator attestation), E1 active infection, E2 anticancer
/// drug within 14 days before screening. v2 (amendment) tightens I3 to ECOG <= 1.
enum TestProtocol {
    static let id = "TEST-0001"

    static let inputs: [InputDefinition] = [
        InputDefinition(
            id: "ecog", label: "ECOG performance status", kind: .number, minimum: DecimalValue(0),
            maximum: DecimalValue(5), integer: true, maxDaysBeforeScreening: 28),
        InputDefinition(
            id: "spo2", label: "SpO2 without oxygen", kind: .number, units: ["%"], minimum: DecimalValue(0),
            maximum: DecimalValue(100), maxDaysBeforeScreening: 28),
        InputDefinition(id: "ast", label: "AST", kind: .lab, units: ["U/L"], maxDaysBeforeScreening: 28),
        InputDefinition(
            id: "survival_12w", label: "Anticipated survival > 12 weeks", kind: .yesNo, attestedBy: "investigator"),
        InputDefinition(id: "active_infection", label: "Active infection", kind: .yesNo),
        InputDefinition(
            id: "anticancer_last_dose", label: "Last anticancer dose", kind: .date, notAfterScreening: true),
    ]

    static func definition(version: String, ecogLimit: Int) -> ProtocolDefinition {
        ProtocolDefinition(
            protocolID: id, version: version, title: "Synthetic screening test protocol",
            supersedes: version == "1.0" ? nil : "1.0", inputs: inputs,
            criteria: [
                Criterion(id: "I1", kind: .inclusion, text: "Signed informed consent", rule: .consentOnFile),
                Criterion(
                    id: "I2", kind: .inclusion, text: "Age 18 or older",
                    rule: .age(op: .greaterThanOrEqual, years: 18, source: "criteria text")),
                Criterion(
                    id: "I3", kind: .inclusion, text: "ECOG <= \(ecogLimit)",
                    rule: .compare(input: "ecog", op: .lessThanOrEqual, value: DecimalValue(ecogLimit))),
                Criterion(
                    id: "I4", kind: .inclusion, text: "SpO2 > 92%",
                    rule: .compare(input: "spo2", op: .greaterThan, value: DecimalValue(92))),
                Criterion(
                    id: "I5", kind: .inclusion, text: "AST <= 2.5 x ULN",
                    rule: .ulnMultiple(input: "ast", op: .lessThanOrEqual, multiple: DecimalValue("2.5")!)),
                Criterion(
                    id: "I6", kind: .inclusion, text: "Anticipated survival > 12 weeks",
                    rule: .yesNo(input: "survival_12w", expected: true)),
                Criterion(
                    id: "E1", kind: .exclusion, text: "Active infection",
                    rule: .yesNo(input: "active_infection", expected: true)),
                Criterion(
                    id: "E2", kind: .exclusion, text: "Anticancer drug within 2 weeks before screening",
                    rule: .within(input: "anticancer_last_dose", amount: 14, unit: .days, note: nil)),
            ])
    }

    static let v1 = definition(version: "1.0", ecogLimit: 2)
    static let v2 = definition(version: "2.0", ecogLimit: 1)
}

/// Findings with sensible synthetic defaults.
enum Finding {
    static func ecog(_ grade: Int, on date: LocalDate = TestDates.screening) -> AssessmentFinding {
        AssessmentFinding(
            input: "ecog", value: .number(DecimalValue(grade)), observedOn: date, sourceDocument: "CRF-ECOG p1")
    }
    static func spo2(_ percent: String, unit: String = "%") -> AssessmentFinding {
        AssessmentFinding(
            input: "spo2", value: .number(DecimalValue(percent)!), unit: unit, observedOn: TestDates.screening,
            sourceDocument: "VITALS-1")
    }
    static func ast(_ value: String, uln: String = "40", unit: String = "U/L") -> AssessmentFinding {
        AssessmentFinding(
            input: "ast", value: .number(DecimalValue(value)!), unit: unit, uln: DecimalValue(uln)!,
            observedOn: TestDates.screening.adding(days: -1), sourceDocument: "LAB-7731 p1")
    }
    static func survival(_ answer: Bool) -> AssessmentFinding {
        AssessmentFinding(input: "survival_12w", value: .yesNo(answer), observedOn: TestDates.screening)
    }
    static func infection(_ answer: Bool) -> AssessmentFinding {
        AssessmentFinding(input: "active_infection", value: .yesNo(answer), observedOn: TestDates.screening)
    }
    static func lastAnticancerDose(_ date: LocalDate) -> AssessmentFinding {
        AssessmentFinding(input: "anticancer_last_dose", value: .date(date), sourceDocument: "MED-HX p2")
    }
}

enum TestDates {
    /// The screening date used by scenarios (the log's clock starts the next morning, site time).
    static let screening = LocalDate(iso: "2026-11-20")!
    static let adultBirth = LocalDate(iso: "1980-04-02")!
    static let consent = LocalDate(iso: "2026-11-19")!
}

/// An in-memory log: decides commands against the folded state, appends the drafts as entries
/// with increasing seq, a real hash chain and increasing `at`, and folds them in.
struct TestLog {
    private(set) var entries: [LogEntry] = []
    private(set) var state: ScreeningState
    /// The instant the next entry gets.
    var now: Timestamp
    /// How far the clock moves after each entry.
    var step: Int64

    init(site: SiteCalendar = .standard, start: String = "2026-11-21T01:00:00.000000Z", stepSeconds: Int64 = 60) {
        state = ScreeningState(site: site)
        now = Timestamp(formatted: start)!
        step = stepSeconds * 1_000_000
    }

    /// Decides `command` as `actor` now, appends the drafts, and returns the new entries.
    @discardableResult
    mutating func run(_ command: ScreeningCommand, by actor: Actor) throws(DomainError) -> [LogEntry] {
        let drafts = try state.decide(command, by: actor, at: now)
        return try append(drafts)
    }

    /// Appends drafts as entries (seq from 0, prev = the previous entry's hash) and folds them.
    @discardableResult
    mutating func append(_ drafts: [EventDraft]) throws(DomainError) -> [LogEntry] {
        var added: [LogEntry] = []
        for draft in drafts {
            let entry = LogEntry(
                seq: Int64(entries.count), prev: entries.last?.entryHash ?? .zero, at: now, type: draft.type,
                actor: draft.actor, data: draft.data, subject: draft.subject, reason: draft.reason)
            try state.apply(entry)
            entries.append(entry)
            added.append(entry)
            now = Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch + step)
        }
        return added
    }

    /// Moves the clock forward.
    mutating func advance(seconds: Int64) {
        now = Timestamp(microsecondsSinceEpoch: now.microsecondsSinceEpoch + seconds * 1_000_000)
    }

    /// The seq of the last entry.
    var lastSeq: Int64 { entries.last!.seq }

    // MARK: Scenario steps

    mutating func registerProtocol(_ definition: ProtocolDefinition = TestProtocol.v1) throws(DomainError) {
        try run(.registerProtocol(RegisterProtocol(definition: definition)), by: TestActors.admin)
    }

    mutating func register(
        _ subject: String, screeningDate: LocalDate = TestDates.screening,
        dateOfBirth: LocalDate? = TestDates.adultBirth
    ) throws(DomainError) {
        try run(
            .registerSubject(
                RegisterSubject(
                    screeningNumber: subject, screeningDate: screeningDate, dateOfBirth: dateOfBirth, sex: .female)),
            by: TestActors.coordinator)
    }

    mutating func consent(_ subject: String) throws(DomainError) {
        try run(
            .recordConsent(RecordConsent(subject: subject, formVersion: "ICF v2.1", dateSigned: TestDates.consent)),
            by: TestActors.coordinator)
    }

    /// Records `finding`; attestations are recorded by the investigator. Returns the entry's seq.
    @discardableResult
    mutating func record(_ subject: String, _ finding: AssessmentFinding) throws(DomainError) -> Int64 {
        let actor = finding.input == "survival_12w" ? TestActors.investigator : TestActors.coordinator
        return try run(.recordAssessment(RecordAssessment(subject: subject, finding: finding)), by: actor)[0].seq
    }

    /// Registers, consents and records an eligible work-up (ECOG `ecog`, AST `ast` x 40 U/L).
    /// Returns the seq of each input's assessment.
    @discardableResult
    mutating func eligibleWorkup(_ subject: String, ecog: Int = 1, ast: String = "50") throws(DomainError) -> [String:
        Int64]
    {
        try register(subject)
        try consent(subject)
        return [
            "ecog": try record(subject, Finding.ecog(ecog)),
            "spo2": try record(subject, Finding.spo2("97")),
            "ast": try record(subject, Finding.ast(ast)),
            "survival_12w": try record(subject, Finding.survival(true)),
            "active_infection": try record(subject, Finding.infection(false)),
            "anticancer_last_dose": try record(
                subject, Finding.lastAnticancerDose(TestDates.screening.adding(days: -30))),
        ]
    }

    /// Signs the subject's current evaluation as `investigator`.
    @discardableResult
    mutating func sign(_ subject: String, by investigator: Actor = TestActors.investigator) throws(DomainError)
        -> LogEntry
    {
        let digest = state.subjectView(subject)?.evaluation?.sha256.hex ?? ""
        return try run(.signEligibility(SignEligibility(subject: subject, evaluationSHA256: digest)), by: investigator)[
            0]
    }

    mutating func enrol(_ subject: String) throws(DomainError) {
        try run(.enrol(EnrolSubject(subject: subject)), by: TestActors.investigator)
    }
}

extension TestLog {
    /// S-001 enrolled; S-002 ineligible on AST, screen-failed; S-003 declined; S-004 other
    /// (with a comma and quotes in the text); S-005 still screening; S-006 withdrew before
    /// enrolment; S-007 enrolled then withdrawn; S-008 eligible, awaiting signature.
    static func smallCohort() throws -> TestLog {
        var log = TestLog()
        try log.registerProtocol()
        try log.eligibleWorkup("S-001")
        try log.sign("S-001")
        try log.enrol("S-001")
        try log.eligibleWorkup("S-002", ast: "140")
        try log.run(
            .screenFail(ScreenFailSubject(subject: "S-002", category: .criteria, criteria: ["I5"])),
            by: TestActors.investigator)
        try log.register("S-003")
        try log.consent("S-003")
        try log.run(.screenFail(ScreenFailSubject(subject: "S-003", category: .declined)), by: TestActors.coordinator)
        try log.register("S-004")
        try log.run(
            .screenFail(
                ScreenFailSubject(subject: "S-004", category: .other, text: "Lives abroad, \"unable\" to attend")),
            by: TestActors.coordinator)
        try log.register("S-005")
        try log.consent("S-005")
        try log.register("S-006")
        try log.run(
            .withdraw(WithdrawSubject(subject: "S-006", initiatedBy: .subject, reason: "Changed mind")),
            by: TestActors.coordinator)
        try log.eligibleWorkup("S-007")
        try log.sign("S-007")
        try log.enrol("S-007")
        try log.run(.withdraw(WithdrawSubject(subject: "S-007", initiatedBy: .site)), by: TestActors.investigator)
        try log.eligibleWorkup("S-008")
        return log
    }
}

/// Runs `body` expecting a `DomainError`; returns it (nil if nothing or something else was thrown).
func domainError(_ body: () throws -> Void) -> DomainError? {
    do {
        try body()
        return nil
    } catch let error as DomainError {
        return error
    } catch {
        Issue.record("expected a DomainError, got \(error)")
        return nil
    }
}
