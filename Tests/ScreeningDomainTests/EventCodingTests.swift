import EventLog
import ScreeningDomain
import Testing

/// Event payloads are the storage format: exact field names, a schema version, strict decoding.
@Suite struct EventCodingTests {
    static let finding = AssessmentFinding(
        input: "crcl", value: .number(DecimalValue("61.5")!), unit: "mL/min", observedOn: LocalDate(iso: "2026-11-19"),
        method: "cockcroft-gault",
        methodInputs: [
            "weightKg": .number(DecimalValue(70)), "serumCreatinine": .number(DecimalValue("1.1")!),
            "sex": .code("female"),
        ],
        sourceDocument: "LAB-7731 p2")

    static let events: [ScreeningEvent] = [
        .protocolRegistered(ProtocolRegistered(definition: TestProtocol.v1)),
        .subjectRegistered(
            SubjectRegistered(
                screeningNumber: "S-001", screeningDate: TestDates.screening, dateOfBirth: TestDates.adultBirth,
                sex: .male)),
        .subjectRegistered(SubjectRegistered(screeningNumber: "S-002", screeningDate: TestDates.screening)),
        .consentRecorded(ConsentRecorded(formVersion: "ICF v2.1", dateSigned: TestDates.consent)),
        .consentWithdrawn(ConsentWithdrawn(dateWithdrawn: TestDates.screening)),
        .assessmentRecorded(AssessmentRecorded(finding: finding)),
        .assessmentRecorded(AssessmentRecorded(finding: Finding.survival(false))),
        .assessmentCorrected(AssessmentCorrected(supersedes: 12, finding: Finding.ast("41.25"))),
        .eligibilitySigned(
            EligibilitySigned(
                printedName: "Dr. Wei Investigator",
                meaning: EligibilitySigned.meaning(protocolID: "TEST-0001", version: "1.0"),
                evaluationSHA256: String(repeating: "0f", count: 32), protocolID: "TEST-0001", protocolVersion: "1.0",
                protocolSHA256: TestProtocol.v1.sha256.hex)),
        .subjectEnrolled(SubjectEnrolled(enrolledOn: TestDates.screening, signatureSeq: 40)),
        .subjectScreenFailed(SubjectScreenFailed(category: .criteria, criteria: ["I5", "E1"])),
        .subjectScreenFailed(SubjectScreenFailed(category: .other, text: "Transport")),
        .subjectWithdrawn(SubjectWithdrawn(withdrawnOn: TestDates.screening, initiatedBy: .subject)),
        .auditReviewed(AuditReviewed(throughSeq: 99)),
    ]

    @Test(arguments: events)
    func payloadRoundTripsThroughCanonicalJSON(event: ScreeningEvent) throws {
        let data = event.data
        #expect(data["schema"] == .integer(1))
        // Through the bytes the log stores, and back.
        let bytes = JSONValue.object(data).canonicalBytes()
        guard case .object(let parsed) = try JSONValue.parse(bytes) else { Issue.record("not an object"); return }
        #expect(try ScreeningEvent(type: event.typeName, data: parsed) == event)
        let draft = event.draft(actor: TestActors.coordinator, subject: "S-001", reason: "why")
        #expect(draft.type == event.typeName && draft.data == data && draft.subject == "S-001" && draft.reason == "why")
    }

    /// The stored field names, spelled out: renaming one would break every existing log.
    @Test func storedFieldNamesAreFixed() {
        let registered = SubjectRegistered(
            screeningNumber: "S-001", screeningDate: TestDates.screening, dateOfBirth: TestDates.adultBirth,
            sex: .female)
        #expect(
            JSONValue.object(registered.data).canonicalString
                == #"{"dateOfBirth":"1980-04-02","schema":1,"screeningDate":"2026-11-20","screeningNumber":"S-001","sex":"female"}"#
        )
        #expect(
            JSONValue.object(AssessmentCorrected(supersedes: 7, finding: Finding.ast("41.5")).data).canonicalString
                == #"{"input":"ast","observedOn":"2026-11-19","schema":1,"sourceDocument":"LAB-7731 p1","supersedes":7,"uln":"40","unit":"U/L","value":{"number":"41.5"}}"#
        )
        #expect(
            JSONValue.object(AssessmentRecorded(finding: Self.finding).data).canonicalString
                == #"{"input":"crcl","method":"cockcroft-gault","methodInputs":{"serumCreatinine":{"number":"1.1"},"sex":{"code":"female"},"weightKg":{"number":"70"}},"observedOn":"2026-11-19","schema":1,"sourceDocument":"LAB-7731 p2","unit":"mL/min","value":{"number":"61.5"}}"#
        )
        #expect(
            JSONValue.object(SubjectScreenFailed(category: .declined).data).canonicalString
                == #"{"category":"declined","criteria":[],"schema":1}"#)
        #expect(
            JSONValue.object(SubjectWithdrawn(withdrawnOn: TestDates.screening, initiatedBy: .site).data)
                .canonicalString
                == #"{"initiatedBy":"site","schema":1,"withdrawnOn":"2026-11-20"}"#)
        let protocolData = ProtocolRegistered(definition: TestProtocol.v1).data
        #expect(Set(protocolData.keys) == ["schema", "protocolID", "version", "sha256", "definition"])
        #expect(protocolData["sha256"] == .string(TestProtocol.v1.sha256.hex))
    }

    @Test func identifyingOrUnknownFieldsInAStoredPayloadAreRefused() {
        var data = SubjectRegistered(screeningNumber: "S-001", screeningDate: TestDates.screening).data
        data["hospitalNumber"] = "H123456"
        let error = domainError { _ = try SubjectRegistered(data: data) }
        #expect(error?.code == "event.malformed" && error?.field == "hospitalNumber")
    }

    @Test func unknownSchemaVersionIsRefused() {
        var data = ConsentRecorded(formVersion: "v1", dateSigned: TestDates.consent).data
        data["schema"] = 2
        #expect(domainError { _ = try ConsentRecorded(data: data) }?.code == "event.schema_unsupported")
        data["schema"] = nil
        #expect(domainError { _ = try ConsentRecorded(data: data) }?.code == "event.malformed")
    }

    @Test(arguments: [
        ("value", JSONValue.object(["number": 41])),
        ("value", JSONValue.object(["number": "4.1e1"])),
        ("value", JSONValue.object(["number": "41", "code": "x"])),
        ("uln", JSONValue.integer(40)),
        ("observedOn", JSONValue.string("2026-02-30")),
        ("input", JSONValue.null),
    ])
    func malformedAssessmentFieldsNameTheField(field: String, value: JSONValue) {
        var data = AssessmentRecorded(finding: Finding.ast("41")).data
        data[field] = value
        let error = domainError { _ = try AssessmentRecorded(data: data) }
        #expect(error?.code == "event.malformed")
        #expect(error?.field == field)
    }

    @Test func protocolPayloadWhoseDigestDoesNotMatchIsRefused() {
        var data = ProtocolRegistered(definition: TestProtocol.v1).data
        data["sha256"] = .string(TestProtocol.v2.sha256.hex)
        #expect(domainError { _ = try ProtocolRegistered(data: data) }?.field == "sha256")
        var renamed = ProtocolRegistered(definition: TestProtocol.v1).data
        renamed["version"] = "9.9"
        #expect(domainError { _ = try ProtocolRegistered(data: renamed) }?.field == "version")
    }

    @Test func entriesOfOtherOwnersAreSkippedByTheFold() throws {
        var log = TestLog()
        try log.append([EventDraft(type: "user.created", actor: TestActors.admin, data: ["userID": "u-9"])])
        try log.registerProtocol()
        #expect(log.state.lastSeq == 1)
        #expect(log.state.protocols.count == 1)
        #expect(try ScreeningEvent(type: "user.created", data: [:]) == nil)
    }

    @Test func malformedEntryStopsTheFoldNamingItsSeq() throws {
        var log = TestLog()
        try log.registerProtocol()
        var entries = log.entries
        let bad = LogEntry(
            seq: 1, prev: entries[0].entryHash, at: entries[0].at, type: "consent.recorded",
            actor: TestActors.coordinator,
            data: ["schema": 1, "formVersion": "v1"], subject: "S-001")
        entries.append(bad)
        let error = domainError { _ = try ScreeningState.fold(entries) }
        #expect(error?.code == "event.malformed" && error?.field == "dateSigned")
        #expect(error?.reason.contains("seq 1") == true)
        // An entry for a subject that was never registered is inconsistent.
        entries[1].data = ConsentRecorded(formVersion: "v1", dateSigned: TestDates.consent).data
        #expect(domainError { _ = try ScreeningState.fold(entries) }?.code == "event.inconsistent")
    }

    @Test func bundledProtocolDefinitionsRegisterAndDecodeToTheSameDigest() throws {
        let v10 = try ProtocolDefinition.bundledCD7CART()
        let v11 = try ProtocolDefinition.bundledCD7CARTAmendment()
        var log = TestLog()
        try log.registerProtocol(v10)
        try log.run(.registerProtocol(RegisterProtocol(definition: v11)), by: TestActors.admin)
        let rebuilt = try ScreeningState.fold(log.entries)
        #expect(rebuilt.protocols.map(\.definition) == [v10, v11])
        #expect(rebuilt.protocols.map { $0.definition.sha256 } == [v10.sha256, v11.sha256])
        try log.register("S-001")
        try log.consent("S-001")
        let view = try #require(log.state.subjectView("S-001"))
        #expect(view.status == .screening)
        #expect(view.evaluation?.protocolID == "NCT05827835" && view.evaluation?.protocolVersion == v11.version)
        #expect(!view.waitingFor.isEmpty)
    }
}
