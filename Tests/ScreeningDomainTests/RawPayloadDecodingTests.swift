import EventLog
import LogCrypto
import ScreeningDomain
import Testing

/// Assessments read by the fold straight from a line's payload bytes must decode to the same
/// events, and fail with the same errors, as the dictionary path.
@Suite struct RawPayloadDecodingTests {
    /// The entry of `type` with `data`, as the log reader returns it from the stored line.
    static func stored(_ type: String, _ data: [String: JSONValue], seq: Int64 = 5) throws -> LogEntry {
        let entry = LogEntry(
            seq: seq, prev: .zero, at: Timestamp(microsecondsSinceEpoch: 1_767_225_600_000_000), type: type,
            actor: TestActors.coordinator, data: data, subject: "S-001")
        return try LogEntry(line: entry.canonicalLine())
    }

    /// The same entry with its payload as a dictionary (the path every other reader takes).
    static func parsed(_ entry: LogEntry) -> LogEntry {
        var copy = entry
        copy.data = entry.data
        return copy
    }

    static let findings: [AssessmentFinding] = [
        Finding.ast("41.5"),
        Finding.ast("-0.25", uln: "1234567890123456789012.5"),
        Finding.survival(true),
        Finding.ecog(2),
        EventCodingTests.finding,
        AssessmentFinding(input: "diagnosis", value: .code("cd7_positive_aml"), sourceDocument: "Flow p2 é 中"),
        AssessmentFinding(input: "onset", value: .date(TestDates.screening)),
    ]

    @Test("recorded and corrected assessments decode from bytes as from a dictionary", arguments: findings)
    func assessmentsAgree(finding: AssessmentFinding) throws {
        let recorded = ScreeningEvent.assessmentRecorded(AssessmentRecorded(finding: finding))
        let corrected = ScreeningEvent.assessmentCorrected(AssessmentCorrected(supersedes: 3, finding: finding))
        for event in [recorded, corrected] {
            let entry = try Self.stored(event.typeName, event.data)
            #expect(entry.rawData != nil)
            #expect(try ScreeningEvent(entry: entry) == event)
            #expect(try ScreeningEvent(entry: Self.parsed(entry)) == event)
        }
    }

    @Test("null optional members read as absent, as in the dictionary path")
    func nullMembers() throws {
        var data = AssessmentRecorded(finding: Finding.ast("41")).data
        for key in ["unit", "uln", "observedOn", "method", "methodInputs", "sourceDocument"] { data[key] = .null }
        let entry = try Self.stored(AssessmentRecorded.eventType, data)
        let expected = try ScreeningEvent(type: AssessmentRecorded.eventType, data: data)
        #expect(try ScreeningEvent(entry: entry) == expected)
    }

    static let malformed: [(String, JSONValue?)] = [
        ("value", ["number": 41]),
        ("value", ["number": "4.1e1"]),
        ("value", ["number": "41", "code": "x"]),
        ("value", ["yesNo": "true"]),
        ("value", ["date": "2026-02-30"]),
        ("value", "41"),
        ("value", [:]),
        ("uln", 40),
        ("uln", "040"),
        ("observedOn", "2026-02-30"),
        ("observedOn", 20_261_119),
        ("input", .null),
        ("input", nil),
        ("value", nil),
        ("unit", 1),
        ("methodInputs", ["weightKg": 70]),
        ("methodInputs", "none"),
        ("supersedes", "3"),
        ("supersedes", nil),
        ("schema", 2),
        ("schema", "1"),
        ("schema", nil),
        ("hospitalNumber", "H123456"),
        ("via", "http"),
    ]

    @Test("a malformed assessment fails with the dictionary path's error", arguments: malformed)
    func malformedAgrees(field: String, value: JSONValue?) throws {
        var data = AssessmentCorrected(supersedes: 3, finding: Finding.ast("41")).data
        data[field] = value
        let entry = try Self.stored(AssessmentCorrected.eventType, data)
        #expect(entry.rawData != nil)
        let fromBytes = domainError { _ = try ScreeningEvent(entry: entry) }
        let fromDictionary = domainError { _ = try ScreeningEvent(type: AssessmentCorrected.eventType, data: data) }
        #expect(fromBytes != nil)
        #expect(fromBytes == fromDictionary)
    }

    @Test("application members are ignored only when named, in both payload forms")
    func ignoringApplicationMembers() throws {
        var data = AssessmentRecorded(finding: Finding.ast("41")).data
        data["via"] = "http"
        data["request"] = ["command": "assessment", "idempotencyKey": "k", "sha256": "00"]
        let names: Set<String> = ["via", "request"]
        for entry in [try Self.stored(AssessmentRecorded.eventType, data), Self.parsed(try Self.stored(AssessmentRecorded.eventType, data))] {
            let expected = ScreeningEvent.assessmentRecorded(AssessmentRecorded(finding: Finding.ast("41")))
            #expect(try ScreeningEvent(entry: entry, ignoringPayloadMembers: names) == expected)
            #expect(try ScreeningEvent(entry: entry.removingDataMembers(names)) == expected)
            let error = domainError { _ = try ScreeningEvent(entry: entry, ignoringPayloadMembers: ["via"]) }
            #expect(error?.code == "event.malformed" && error?.field == "request")
        }
        // Other owned types take the dictionary path, with the same rule.
        var consent = ConsentRecorded(formVersion: "ICF v2.1", dateSigned: TestDates.consent).data
        consent["via"] = "cli"
        let entry = try Self.stored(ConsentRecorded.eventType, consent)
        #expect(domainError { _ = try ScreeningEvent(entry: entry) }?.field == "via")
        #expect(
            try ScreeningEvent(entry: entry, ignoringPayloadMembers: names)
                == .consentRecorded(ConsentRecorded(formVersion: "ICF v2.1", dateSigned: TestDates.consent)))
    }

    @Test("every event type decodes from bytes as from a dictionary", arguments: EventCodingTests.events)
    func everyTypeAgrees(event: ScreeningEvent) throws {
        let entry = try Self.stored(event.typeName, event.data)
        #expect(try ScreeningEvent(entry: entry) == event)
        #expect(try ScreeningEvent(entry: Self.parsed(entry)) == event)
        var withVia = event.data
        withVia["via"] = "http"
        let applicationEntry = try Self.stored(event.typeName, withVia)
        #expect(try ScreeningEvent(entry: applicationEntry, ignoringPayloadMembers: ["via", "request"]) == event)
        #expect(domainError { _ = try ScreeningEvent(entry: applicationEntry) }?.field == "via")
    }

    static let otherMalformed: [(String, String, JSONValue?)] = [
        (SubjectRegistered.eventType, "screeningNumber", 7),
        (SubjectRegistered.eventType, "screeningDate", "2026-13-01"),
        (SubjectRegistered.eventType, "sex", "other"),
        (SubjectRegistered.eventType, "hospitalNumber", "H1"),
        (SubjectRegistered.eventType, "schema", 2),
        (SubjectRegistered.eventType, "schema", nil),
        (ConsentRecorded.eventType, "formVersion", nil),
        (EligibilitySigned.eventType, "evaluationSHA256", "ABC"),
        (SubjectEnrolled.eventType, "signatureSeq", "40"),
        (SubjectScreenFailed.eventType, "criteria", [1]),
        (SubjectScreenFailed.eventType, "category", "unknown"),
        (SubjectWithdrawn.eventType, "initiatedBy", "nobody"),
        (AuditReviewed.eventType, "throughSeq", .null),
    ]

    @Test("a malformed payload of another type fails with the dictionary path's error", arguments: otherMalformed)
    func otherMalformedAgrees(type: String, field: String, value: JSONValue?) throws {
        let event = try #require(EventCodingTests.events.first { $0.typeName == type })
        var data = event.data
        data[field] = value
        let entry = try Self.stored(type, data)
        let fromBytes = domainError { _ = try ScreeningEvent(entry: entry) }
        let fromDictionary = domainError { _ = try ScreeningEvent(type: type, data: data) }
        #expect(fromBytes != nil)
        #expect(fromBytes == fromDictionary)
    }

    @Test("a fold over stored lines equals the fold over the entries as written")
    func foldAgrees() throws {
        var log = TestLog()
        try log.registerProtocol()
        try log.eligibleWorkup("S-001")
        try log.sign("S-001")
        try log.enrol("S-001")
        let reread = try log.entries.map { try LogEntry(line: $0.canonicalLine()) }
        #expect(reread.contains { $0.rawData != nil })
        #expect(try ScreeningState.fold(reread) == log.state)
    }
}
