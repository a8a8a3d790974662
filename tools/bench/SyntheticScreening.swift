import EventLog
import LogCrypto
import ScreeningDomain

/// Synthetic screening histories built from the domain's own event types: registration, consent,
/// a dozen assessments with lab values and the lab's ULNs, a correction with its reason, the
/// investigator's signature over the real evaluation, then enrolment or screen failure.
/// Deterministic per subject index; no real person's data.
struct SyntheticScreening: Sendable {
    /// The coordinator who records registrations, consents and labs.
    static let coordinator = Actor(id: "bench-coordinator", name: "Synthetic Coordinator", role: "coordinator")
    /// The investigator who attests, signs and enrols.
    static let investigator = Actor(id: "bench-investigator", name: "Synthetic Investigator", role: "investigator")
    /// The administrator who registers the protocol.
    static let administrator = Actor(id: "bench-admin", name: "Benchmark Administrator", role: "admin")

    /// The protocol the histories are screened against (the bundled NCT05827835 v1.0).
    let definition: ProtocolDefinition
    /// Subjects are spread over this many days before `lastScreeningDate`.
    let spanDays: Int
    /// The newest screening date.
    let lastScreeningDate: LocalDate

    init(spanDays: Int = 360, lastScreeningDate: LocalDate = LocalDate(iso: "2026-11-20")!) throws {
        definition = try ProtocolDefinition.bundledCD7CART()
        self.spanDays = spanDays
        self.lastScreeningDate = lastScreeningDate
    }

    /// The `protocol.registered` draft that precedes every history.
    func protocolDraft() -> EventDraft {
        ScreeningEvent.protocolRegistered(ProtocolRegistered(definition: definition))
            .draft(actor: Self.administrator, subject: nil)
    }

    /// The screening number of subject `index` (0-based), e.g. `S-000042`.
    static func screeningNumber(_ index: Int) -> String {
        let digits = String(index + 1)
        return "S-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Events before the sign-off: registration, consent, twelve assessments, the correction.
    static let screeningEventsPerSubject = 15
    /// Events of the sign-off: the signature, then enrolment or screen failure.
    static let signOffEventsPerSubject = 2

    /// One subject's synthetic data, decided before any seq is known.
    struct SubjectPlan: Sendable {
        var index: Int
        var number: String
        var registered: SubjectRegistered
        var consent: ConsentRecorded
        /// The assessments in recording order, each with who records it.
        var assessments: [(finding: AssessmentFinding, actor: Actor)]
        /// The index in `assessments` of the value the correction supersedes.
        var correctedIndex: Int
        var correction: AssessmentFinding
        var screenFails: Bool
        /// Still being screened: no signature and no outcome yet (every 50th subject), so the
        /// store has open subjects that new assessments can be recorded for.
        var stillScreening: Bool
    }

    /// The random choices for subject `index` out of `count` (deterministic per index).
    func plan(subject index: Int, of count: Int) -> SubjectPlan {
        var random = SplitMix64(seed: UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        let number = Self.screeningNumber(index)
        let screeningDate = lastScreeningDate.adding(days: -spanDays + (spanDays * index) / max(count, 1))
        let sampleDate = screeningDate.adding(days: -1)
        let sex: Sex = random.next() % 2 == 0 ? .female : .male
        let age = 20 + Int(random.next() % 50)
        let birth = screeningDate.adding(years: -age).adding(days: -1 - Int(random.next() % 300))
        let findings = findings(
            number: number, age: age, sex: sex, sampleDate: sampleDate, screeningDate: screeningDate, random: &random)
        let assessments = findings.map { finding in
            (finding, definition.input(finding.input)?.isAttestation == true ? Self.investigator : Self.coordinator)
        }
        // The ALT value was transcribed wrongly; the correction supersedes it and says why.
        let correction = AssessmentFinding(
            input: "alt", value: .number(DecimalValue(18 + Int(random.next() % 60))), unit: "U/L", uln: DecimalValue(40),
            observedOn: sampleDate, sourceDocument: "LIS report \(number)-ALT p1")
        return SubjectPlan(
            index: index,
            number: number,
            registered: SubjectRegistered(screeningNumber: number, screeningDate: screeningDate, dateOfBirth: birth, sex: sex),
            consent: ConsentRecorded(formVersion: "ICF v2.1 2024-11-01", dateSigned: screeningDate),
            assessments: assessments,
            correctedIndex: findings.firstIndex { $0.input == "alt" }!,
            correction: correction,
            screenFails: index % 5 == 4,
            stillScreening: index % 50 == 49)
    }

    /// Registration, consent and the assessments: the start of a history, which cites no seq.
    func screeningDrafts(_ plan: SubjectPlan) -> [EventDraft] {
        var drafts: [EventDraft] = [
            ScreeningEvent.subjectRegistered(plan.registered).draft(actor: Self.coordinator, subject: plan.number),
            ScreeningEvent.consentRecorded(plan.consent).draft(actor: Self.coordinator, subject: plan.number),
        ]
        for (finding, actor) in plan.assessments {
            drafts.append(ScreeningEvent.assessmentRecorded(AssessmentRecorded(finding: finding)).draft(actor: actor, subject: plan.number))
        }
        return drafts.enumerated().map { stamped($1, subject: plan.index, position: $0) }
    }

    /// The correction, citing the seq its superseded assessment got (`firstSeq` being the seq
    /// of the registration).
    func correctionDraft(_ plan: SubjectPlan, firstSeq: Int64) -> EventDraft {
        stamped(
            ScreeningEvent.assessmentCorrected(AssessmentCorrected(
                supersedes: firstSeq + 2 + Int64(plan.correctedIndex), finding: plan.correction))
                .draft(actor: Self.coordinator, subject: plan.number,
                       reason: "Transcription error: digits transposed when copying from the LIS report"),
            subject: plan.index, position: 20)
    }

    /// The facts the rules see after the first part, citing the seqs it got.
    func facts(_ plan: SubjectPlan, firstSeq: Int64) -> SubjectFacts {
        var facts = SubjectFacts(
            screeningDate: plan.registered.screeningDate, dateOfBirth: plan.registered.dateOfBirth,
            dateOfBirthSourceSeq: firstSeq, sex: plan.registered.sex, sexSourceSeq: firstSeq,
            consent: ConsentFact(formVersion: plan.consent.formVersion, dateSigned: plan.consent.dateSigned, sourceSeq: firstSeq + 1))
        for (offset, assessment) in plan.assessments.enumerated() {
            facts.observations[assessment.finding.input] = assessment.finding.observation(sourceSeq: firstSeq + 2 + Int64(offset))
        }
        let correctionSeq = firstSeq + 2 + Int64(plan.assessments.count)
        facts.observations[plan.correction.input] = plan.correction.observation(sourceSeq: correctionSeq)
        return facts
    }

    /// The investigator's signature over `evaluation`, then enrolment citing it (seq
    /// `signatureSeq`) or screen failure: the second part of a history.
    func signOffDrafts(_ plan: SubjectPlan, evaluation: EligibilityEvaluation, signatureSeq: Int64) -> [EventDraft] {
        let signed = ScreeningEvent.eligibilitySigned(EligibilitySigned(
            printedName: Self.investigator.name,
            meaning: EligibilitySigned.meaning(protocolID: definition.protocolID, version: definition.version),
            evaluationSHA256: evaluation.sha256.hex, protocolID: definition.protocolID,
            protocolVersion: definition.version, protocolSHA256: definition.sha256.hex))
        let end: EventDraft
        if plan.screenFails {
            end = ScreeningEvent.subjectScreenFailed(SubjectScreenFailed(
                category: .criteria, criteria: ["I9"], text: "Total bilirubin above 1.5 x ULN on repeat testing"))
                .draft(actor: Self.investigator, subject: plan.number, reason: "Does not meet laboratory inclusion criteria")
        } else {
            end = ScreeningEvent.subjectEnrolled(SubjectEnrolled(enrolledOn: plan.registered.screeningDate, signatureSeq: signatureSeq))
                .draft(actor: Self.investigator, subject: plan.number)
        }
        return [
            stamped(signed.draft(actor: Self.investigator, subject: plan.number), subject: plan.index, position: 21),
            stamped(end, subject: plan.index, position: 22),
        ]
    }

    /// The complete history of subject `index` out of `count`, in log order, its first entry
    /// getting seq `firstSeq`.
    func history(subject index: Int, of count: Int, firstSeq: Int64) -> [EventDraft] {
        let plan = plan(subject: index, of: count)
        let first = screeningDrafts(plan) + [correctionDraft(plan, firstSeq: firstSeq)]
        let evaluation = definition.evaluate(facts(plan, firstSeq: firstSeq))
        return first + signOffDrafts(plan, evaluation: evaluation, signatureSeq: firstSeq + Int64(first.count))
    }

    /// The draft as the HTTP shell stamps it: `via` and the request that produced it (its
    /// idempotency key, body fingerprint and command), as every entry written over HTTP carries.
    func stamped(_ draft: EventDraft, subject index: Int, position: Int) -> EventDraft {
        var random = SplitMix64(seed: UInt64(index) &* 0x2545_F491_4F6C_DD1D &+ UInt64(position) &+ 7)
        var stamped = draft
        stamped.data["via"] = "http"
        stamped.data["request"] = [
            "idempotencyKey": .string(Self.hex(&random, digits: 32)),
            "sha256": .string(Self.hex(&random, digits: 64)),
            "command": .string(Self.command(for: draft)),
        ]
        return stamped
    }

    /// The HTTP command (route kind) that produces an entry of the draft's type.
    private static func command(for draft: EventDraft) -> String {
        switch draft.type {
        case SubjectRegistered.eventType: "register"
        case ConsentRecorded.eventType: "consent"
        case AssessmentRecorded.eventType: draft.actor.role == investigator.role ? "attestation" : "assessment"
        case AssessmentCorrected.eventType: "correction"
        case EligibilitySigned.eventType: "sign"
        case SubjectEnrolled.eventType: "enrol"
        case SubjectScreenFailed.eventType: "screen-fail"
        default: "other"
        }
    }

    private static func hex(_ random: inout SplitMix64, digits: Int) -> String {
        let alphabet = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits)
        while bytes.count < digits {
            var word = random.next()
            for _ in 0..<16 where bytes.count < digits {
                bytes.append(alphabet[Int(word & 15)])
                word >>= 4
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Twelve assessments in the shapes the protocol defines: labs with the lab's own ULN, a
    /// Cockcroft-Gault clearance with its inputs, codes, and investigator attestations.
    private func findings(
        number: String, age: Int, sex: Sex, sampleDate: LocalDate, screeningDate: LocalDate, random: inout SplitMix64
    ) -> [AssessmentFinding] {
        func pick(_ low: Int, _ high: Int) -> Int { low + Int(random.next() % UInt64(high - low + 1)) }
        func decimal(_ whole: Int, _ tenths: Int) -> DecimalValue { DecimalValue("\(whole).\(tenths)")! }
        func lab(_ input: String, _ value: DecimalValue, _ unit: String, uln: Int) -> AssessmentFinding {
            AssessmentFinding(
                input: input, value: .number(value), unit: unit, uln: DecimalValue(uln), observedOn: sampleDate,
                sourceDocument: "LIS report \(number)-\(input.uppercased()) p1")
        }
        let weight = decimal(pick(45, 95), pick(0, 9))
        let creatinine = DecimalValue(pick(50, 110))
        let clearance = CockcroftGault.estimate(
            ageYears: DecimalValue(age), weightKg: weight, serumCreatinine: creatinine, creatinineUnit: "umol/L", sex: sex
        )?.rounded(places: 1) ?? DecimalValue(60)
        return [
            AssessmentFinding(input: "ecog", value: .number(DecimalValue(pick(0, 2))), observedOn: screeningDate,
                              sourceDocument: "Clinic note \(number) p1"),
            AssessmentFinding(input: "diagnosis", value: .code(pick(0, 1) == 0 ? "cd7_positive_all" : "cd7_positive_aml"),
                              observedOn: sampleDate, sourceDocument: "Flow cytometry report \(number) p2"),
            AssessmentFinding(input: "ph_status", value: .code("negative"), observedOn: sampleDate,
                              sourceDocument: "Cytogenetics report \(number) p1"),
            AssessmentFinding(input: "spo2", value: .number(DecimalValue(pick(93, 99))), unit: "%", observedOn: screeningDate,
                              sourceDocument: "Vital signs \(number) p1"),
            lab("ast", DecimalValue(pick(12, 95)), "U/L", uln: 40),
            lab("alt", DecimalValue(pick(12, 95)), "U/L", uln: 40),
            lab("total_bilirubin", decimal(pick(5, 30), pick(0, 9)), "umol/L", uln: 21),
            AssessmentFinding(
                input: "creatinine_clearance", value: .number(clearance), unit: "mL/min",
                observedOn: sampleDate, method: CockcroftGault.method,
                methodInputs: [
                    CockcroftGault.Input.ageYears: .number(DecimalValue(age)),
                    CockcroftGault.Input.weightKg: .number(weight),
                    CockcroftGault.Input.serumCreatinine: .number(creatinine),
                    CockcroftGault.Input.serumCreatinineUnit: .code("umol/L"),
                    CockcroftGault.Input.sex: .code(sex.rawValue),
                ],
                sourceDocument: "LIS report \(number)-CREA p1"),
            lab("lipase", DecimalValue(pick(10, 70)), "U/L", uln: 60),
            lab("amylase", DecimalValue(pick(25, 110)), "U/L", uln: 100),
            AssessmentFinding(input: "survival_over_12_weeks", value: .yesNo(true), observedOn: screeningDate,
                              sourceDocument: "Investigator assessment \(number) p1"),
            AssessmentFinding(input: "rr_no_cr_after_standard_chemotherapy", value: .yesNo(true), observedOn: screeningDate,
                              sourceDocument: "Treatment history \(number) p3"),
        ]
    }
}

/// A small, fast, seedable generator (SplitMix64), so the data is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
