import EventLog

/// Synthetic screening histories: one subject's registration, consent, a dozen assessments with
/// lab values and the lab's ULNs, a correction with its reason, the investigator's sign-off, and
/// enrolment or screen failure. Deterministic for a given subject number; no real person's data.
struct SyntheticScreening: Sendable {
    /// The coordinator who records most events.
    static let coordinator = Actor(id: "u-0002", name: "Synthetic Coordinator", role: "coordinator")
    /// The investigator who attests and signs.
    static let investigator = Actor(id: "u-0003", name: "Synthetic Investigator", role: "investigator")

    /// Events in one subject's history.
    static let eventsPerSubject = 17

    /// The screening number of subject `index` (0-based), e.g. `S-000042`.
    static func screeningNumber(_ index: Int) -> String {
        let digits = String(index + 1)
        return "S-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The whole history of subject `index`, in log order. `firstSeq` is the seq its first event
    /// will get, so the correction can cite the assessment it supersedes.
    static func history(subject index: Int, firstSeq: Int64) -> [EventDraft] {
        var random = SplitMix64(seed: UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        let number = screeningNumber(index)
        let day = 1 + index % 27
        let month = 1 + (index / 27) % 12
        let screeningDate = date(2025, month, day)
        let observed = date(2025, month, max(1, day - 1))
        let female = random.next() % 2 == 0
        let birthYear = 1952 + Int(random.next() % 50)

        var drafts: [EventDraft] = []
        func add(_ type: String, _ actor: Actor, _ data: [String: JSONValue], reason: String? = nil) {
            drafts.append(EventDraft(type: type, actor: actor, subject: number, data: data, reason: reason))
        }
        add("subject.registered", coordinator, [
            "schema": 1, "screeningNumber": .string(number), "screeningDate": .string(screeningDate),
            "dateOfBirth": .string(date(birthYear, 1 + index % 12, 1 + index % 28)),
            "sex": .string(female ? "female" : "male"),
        ])
        add("consent.recorded", coordinator, [
            "schema": 1, "formVersion": "ICF v2.1 (2024-11-01, Chinese)", "dateSigned": .string(screeningDate),
        ])
        let alt = 18 + Int(random.next() % 90)
        for lab in labs(random: &random, alt: alt) {
            var data: [String: JSONValue] = [
                "schema": 1, "input": .string(lab.input), "value": ["number": .string(lab.value)],
                "unit": .string(lab.unit), "observedOn": .string(observed),
                "sourceDocument": .string("LIS report \(number)-\(lab.input) p1"),
            ]
            if let uln = lab.uln { data["uln"] = .string(uln) }
            if let method = lab.method { data["method"] = .string(method) }
            if let inputs = lab.methodInputs { data["methodInputs"] = .object(inputs) }
            add("assessment.recorded", coordinator, data)
        }
        add("assessment.recorded", investigator, [
            "schema": 1, "input": "anticipated_survival_over_12_weeks", "value": ["yesNo": true],
            "observedOn": .string(screeningDate), "sourceDocument": .string("Investigator note \(number) p2"),
        ])
        // The ALT recorded third (seq firstSeq + 2) was transcribed wrongly.
        add("assessment.corrected", coordinator, [
            "schema": 1, "supersedes": .integer(firstSeq + 2), "input": "alt",
            "value": ["number": .string(String(alt + 3))], "unit": "U/L", "uln": "40",
            "observedOn": .string(observed), "sourceDocument": .string("LIS report \(number)-alt p1"),
        ], reason: "Transcription error: digits transposed when copying from the LIS report")
        add("eligibility.signed", investigator, [
            "schema": 1,
            "evaluationSHA256": .string(hex(random: &random)),
            "meaning": "I confirm the subject meets all eligibility criteria",
            "protocolID": "NCT05827835", "protocolVersion": "1.0",
        ])
        if index % 5 == 4 {
            add("subject.screen_failed", investigator, [
                "schema": 1, "failedCriteria": ["inc-labs-b"], "category": "not_meeting_criteria",
            ], reason: "Total bilirubin above 1.5 x ULN on repeat testing")
        } else {
            add("subject.enrolled", investigator, [
                "schema": 1, "enrolmentNumber": .string("E-" + number.dropFirst(2)), "enrolledOn": .string(screeningDate),
                "arm": "CD7 CAR-T then alloHSCT",
            ])
        }
        return drafts
    }

    private struct Lab {
        var input: String
        var value: String
        var unit: String
        var uln: String?
        var method: String? = nil
        var methodInputs: [String: JSONValue]? = nil
    }

    private static func labs(random: inout SplitMix64, alt: Int) -> [Lab] {
        func pick(_ low: Int, _ high: Int) -> Int { low + Int(random.next() % UInt64(high - low + 1)) }
        let creatinine = "\(pick(0, 1)).\(pick(10, 99))"
        return [
            Lab(input: "ecog", value: String(pick(0, 2)), unit: "score", uln: nil),
            Lab(input: "ast", value: String(pick(12, 95)), unit: "U/L", uln: "40"),
            Lab(input: "alt", value: String(alt), unit: "U/L", uln: "40"),
            Lab(input: "total_bilirubin", value: "\(pick(5, 30)).\(pick(0, 9))", unit: "umol/L", uln: "21"),
            Lab(
                input: "creatinine_clearance", value: String(pick(35, 140)), unit: "mL/min", uln: nil,
                method: "cockcroft-gault",
                methodInputs: [
                    "weight": ["number": .string("\(pick(45, 95)).\(pick(0, 9))")],
                    "serumCreatinine": ["number": .string(creatinine)],
                ]),
            Lab(input: "lipase", value: String(pick(10, 70)), unit: "U/L", uln: "60"),
            Lab(input: "amylase", value: String(pick(25, 110)), unit: "U/L", uln: "100"),
            Lab(input: "oxygen_saturation", value: String(pick(93, 99)), unit: "%", uln: nil),
            Lab(input: "cd7_expression", value: "\(pick(20, 99)).\(pick(0, 9))", unit: "%", uln: nil),
            Lab(input: "lvef", value: String(pick(50, 70)), unit: "%", uln: nil),
            Lab(input: "hemoglobin", value: String(pick(70, 150)), unit: "g/L", uln: "175"),
        ]
    }

    private static func date(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    private static func hex(random: inout SplitMix64) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<64).map { _ in digits[Int(random.next() % 16)] })
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
