import EventLog
import ScreeningDomain
import Testing

/// Commands read from JSON bodies: exact fields, no identifying data.
@Suite struct CommandJSONTests {
    @Test func registerSubjectReadsOnlyTheAllowedFacts() throws {
        let command = try ScreeningCommand(
            name: "subject.register",
            body: [
                "screeningNumber": "S-001", "screeningDate": "2026-11-20", "dateOfBirth": "1980-04-02", "sex": "female",
            ])
        #expect(
            command
                == .registerSubject(
                    RegisterSubject(
                        screeningNumber: "S-001", screeningDate: TestDates.screening, dateOfBirth: TestDates.adultBirth,
                        sex: .female)))
    }

    @Test(arguments: [
        "name", "patientName", "hospital_number", "HospitalNumber", "idCardNumber", "id-card", "mrn", "phone",
    ])
    func identifyingFieldsAreRefused(field: String) {
        let error = domainError {
            _ = try ScreeningCommand(
                name: "subject.register", body: ["screeningNumber": "S-001", "screeningDate": "2026-11-20", field: "x"])
        }
        #expect(error?.code == "subject.identifying_field")
        #expect(error?.field == field)
        // The reason never repeats the value sent.
        #expect(error?.reason.contains("\"x\"") == false)
    }

    @Test func unknownFieldsAndMistypedValuesNameTheField() {
        #expect(
            domainError { _ = try ScreeningCommand(name: "subject.enrol", body: ["subject": "S-001", "when": "now"]) }?
                .field == "when")
        #expect(
            domainError { _ = try ScreeningCommand(name: "subject.enrol", body: ["subject": "S-001", "when": "now"]) }?
                .code == "field.unknown")
        let missing = domainError {
            _ = try ScreeningCommand(name: "consent.record", body: ["subject": "S-001", "formVersion": "v1"])
        }
        #expect(missing?.code == "field.missing" && missing?.field == "dateSigned")
        let badDate = domainError {
            _ = try ScreeningCommand(
                name: "consent.record", body: ["subject": "S-001", "formVersion": "v1", "dateSigned": "19/11/2026"])
        }
        #expect(badDate?.code == "field.invalid" && badDate?.field == "dateSigned")
        let badValue = domainError {
            _ = try ScreeningCommand(
                name: "assessment.record", body: ["subject": "S-001", "input": "ecog", "value": "1"])
        }
        #expect(badValue?.code == "field.invalid" && badValue?.field == "value")
        #expect(domainError { _ = try ScreeningCommand(name: "subject.delete", body: [:]) }?.code == "command.unknown")
    }

    @Test func assessmentAndCorrectionBodies() throws {
        let body: [String: JSONValue] = [
            "subject": "S-001", "input": "ast", "value": ["number": "41.5"], "unit": "U/L", "uln": "40",
            "observedOn": "2026-11-19", "sourceDocument": "LAB-7731 p1",
        ]
        let recorded = try ScreeningCommand(name: "assessment.record", body: body)
        #expect(recorded == .recordAssessment(RecordAssessment(subject: "S-001", finding: Finding.ast("41.5"))))
        var correction = body
        correction["supersedes"] = 12
        correction["reason"] = "Transcription error"
        correction["value"] = ["number": 45]
        let corrected = try ScreeningCommand(name: "assessment.correct", body: correction)
        #expect(
            corrected
                == .correctAssessment(
                    CorrectAssessment(
                        subject: "S-001", supersedes: 12, finding: Finding.ast("45"), reason: "Transcription error")))
        // A correction body without a reason parses, and decide refuses it with the reason field.
        correction["reason"] = nil
        guard
            case .correctAssessment(let withoutReason) = try ScreeningCommand(
                name: "assessment.correct", body: correction)
        else {
            Issue.record("not a correction")
            return
        }
        #expect(withoutReason.reason.isEmpty)
        let methodBody: [String: JSONValue] = [
            "subject": "S-001", "input": "crcl", "value": ["number": "61.5"], "unit": "mL/min",
            "method": "cockcroft-gault",
            "methodInputs": ["weightKg": ["number": "70"], "sex": ["code": "female"]],
        ]
        guard case .recordAssessment(let withMethod) = try ScreeningCommand(name: "assessment.record", body: methodBody)
        else {
            Issue.record("not an assessment")
            return
        }
        #expect(withMethod.finding.methodInputs == ["weightKg": .number(DecimalValue(70)), "sex": .code("female")])
    }

    @Test func everyNamedCommandParses() throws {
        let bodies: [String: [String: JSONValue]] = [
            "protocol.register": ["definition": TestProtocol.v1.jsonValue],
            "subject.register": ["screeningNumber": "S-001", "screeningDate": "2026-11-20"],
            "consent.record": ["subject": "S-001", "formVersion": "v1", "dateSigned": "2026-11-19"],
            "consent.withdraw": ["subject": "S-001", "dateWithdrawn": "2026-11-20", "reason": "Subject's decision"],
            "assessment.record": ["subject": "S-001", "input": "ecog", "value": ["number": "1"]],
            "assessment.correct": [
                "subject": "S-001", "supersedes": 3, "input": "ecog", "value": ["number": "0"], "reason": "SDV",
            ],
            "eligibility.sign": ["subject": "S-001", "evaluationSHA256": .string(String(repeating: "a", count: 64))],
            "subject.enrol": ["subject": "S-001"],
            "subject.screen_fail": ["subject": "S-001", "category": "criteria", "criteria": ["I5"]],
            "subject.withdraw": ["subject": "S-001", "initiatedBy": "subject"],
            "audit.review": ["subject": "S-001", "throughSeq": 4, "comment": "ok"],
        ]
        #expect(Set(bodies.keys) == Set(ScreeningCommand.names))
        for (name, body) in bodies {
            let command = try ScreeningCommand(name: name, body: body)
            #expect(command.subject == (name == "protocol.register" ? nil : "S-001"), "\(name)")
        }
        let wrongCategory = domainError {
            _ = try ScreeningCommand(name: "subject.screen_fail", body: ["subject": "S-001", "category": "lost"])
        }
        #expect(wrongCategory?.code == "field.invalid" && wrongCategory?.field == "category")
    }
}
