import EventLog
import ScreeningDomain

/// SplitMix64: a small, fast, seedable generator (the sequence is the same on every platform).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: UInt64) -> UInt64 { next() % bound }

    mutating func chance(_ percent: UInt64) -> Bool { next(below: 100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next(below: UInt64(items.count)))] }
}

/// Generates plausible screening activity: commands chosen at random, decided against the
/// current state and appended when accepted (refused ones are dropped, as the service would).
struct CommandSequenceGenerator {
    var random: SplitMix64
    private var log = TestLog(stepSeconds: 0)
    private var amended = false

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func generate(steps: Int) throws -> TestLog {
        try log.registerProtocol(TestProtocol.v1)
        for _ in 0..<steps {
            // Time moves in uneven jumps (sometimes not at all, so entries can share an instant).
            log.advance(seconds: random.chance(10) ? 0 : Int64(random.next(below: 4 * 3600)) + 1)
            let subjects = log.state.registrationOrder
            guard !subjects.isEmpty, !random.chance(subjects.count < 8 ? 12 : 2) else {
                try? register()
                continue
            }
            let subject = random.pick(subjects)
            do {
                try step(subject)
            } catch is DomainError {
                continue
            }
        }
        return log
    }

    private mutating func register() throws {
        let number = "S-" + String(1000 + log.state.subjects.count)
        let today = log.state.site.localDate(of: log.now)
        let screening = today.adding(days: -Int(random.next(below: 3)))
        try log.register(
            number, screeningDate: screening,
            dateOfBirth: random.chance(95) ? TestDates.adultBirth : screening.adding(years: -17))
    }

    /// Mostly the next sensible step for the subject's status, sometimes anything at all.
    private mutating func step(_ subject: String) throws {
        let record = log.state.subjects[subject]!
        let view = log.state.subjectView(subject)!
        if random.chance(75) {
            switch view.waitingFor.first {
            case .consent?:
                return try log.consent(subject)
            case .missingInputs(_, let inputs)?:
                if let input = inputs.first, TestProtocol.inputs.contains(where: { $0.id == input }) {
                    try log.record(subject, finding(screening: record.screeningDate, input: input))
                    return
                }
            case .investigatorSignOff?, .reSignAfterVoid?:
                try log.sign(subject, by: random.pick([TestActors.investigator, TestActors.secondInvestigator]))
                return
            case .enrolmentDecision?:
                return try log.enrol(subject)
            default:
                break
            }
        }
        switch random.next(below: 100) {
        case 0..<10:
            try log.run(
                .recordConsent(
                    RecordConsent(
                        subject: subject, formVersion: random.pick(["ICF v2.1", "ICF v3.0"]),
                        dateSigned: record.screeningDate)),
                by: TestActors.coordinator)
        case 10..<50:
            try log.record(subject, finding(screening: record.screeningDate))
        case 50..<60:
            guard
                let (input, seq) = record.currentAssessmentSeq.sorted(by: { $0.key < $1.key }).randomElement(
                    using: &random)
            else { return }
            var corrected = finding(screening: record.screeningDate, input: input)
            if corrected == record.assessments[seq]!.finding {
                corrected.sourceDocument = "SDV-\(random.next(below: 1000))"
            }
            let actor = input == "survival_12w" ? TestActors.investigator : TestActors.coordinator
            try log.run(
                .correctAssessment(
                    CorrectAssessment(
                        subject: subject, supersedes: seq, finding: corrected, reason: "Source data verification")),
                by: actor)
        case 60..<72:
            try log.sign(subject, by: random.pick([TestActors.investigator, TestActors.secondInvestigator]))
        case 72..<80:
            try log.enrol(subject)
        case 80..<84:
            let category = random.pick(ScreenFailureCategory.allCases)
            try log.run(
                .screenFail(
                    ScreenFailSubject(
                        subject: subject, category: category,
                        text: category == .other ? "Logistics, site capacity" : nil)), by: TestActors.coordinator)
        case 84..<86:
            try log.run(
                .withdraw(
                    WithdrawSubject(
                        subject: subject, initiatedBy: random.pick(WithdrawalInitiator.allCases),
                        reason: "Subject request")), by: TestActors.investigator)
        case 86..<89:
            try log.run(
                .withdrawConsent(
                    WithdrawConsent(subject: subject, dateWithdrawn: log.state.site.localDate(of: log.now))),
                by: TestActors.coordinator)
        case 89..<93:
            try log.run(.recordAuditReview(RecordAuditReview(subject: subject)), by: TestActors.monitor)
        case 93..<96 where !amended:
            amended = true
            try log.registerProtocol(TestProtocol.v2)
        default:
            // An entry the domain does not own (the application logs logins too).
            try log.append([EventDraft(type: "user.login", actor: TestActors.coordinator, data: ["interface": "web"])])
        }
    }

    /// A mostly valid finding for a random (or the given) input; sometimes out of range.
    private mutating func finding(screening: LocalDate, input: String? = nil) -> AssessmentFinding {
        switch input ?? random.pick(TestProtocol.inputs.map(\.id)) {
        case "ecog":
            return Finding.ecog(
                random.chance(5) ? 7 : Int(random.next(below: random.chance(80) ? 2 : 4)), on: screening)
        case "spo2": return Finding.spo2(String((random.chance(80) ? 93 : 85) + random.next(below: 8)))
        case "ast":
            return Finding.ast(
                String(10 + random.next(below: random.chance(80) ? 90 : 120)) + (random.chance(30) ? ".5" : ""))
        case "survival_12w": return Finding.survival(random.chance(90))
        case "active_infection": return Finding.infection(random.chance(10))
        default: return Finding.lastAnticancerDose(screening.adding(days: -Int(5 + random.next(below: 50))))
        }
    }
}

extension SplitMix64: RandomNumberGenerator {}
