public import EventLog

extension ScreeningCommand {
    /// The command names `init(name:body:)` accepts, e.g. for an HTTP route or a CLI verb.
    public static let names: [String] = [
        "protocol.register", "subject.register", "consent.record", "consent.withdraw", "assessment.record",
        "assessment.correct", "eligibility.sign", "subject.enrol", "subject.screen_fail", "subject.withdraw",
        "audit.review",
    ]

    /// Reads a command from its name and JSON body, refusing unknown fields (`field.unknown`) and
    /// fields that would identify a person (`subject.identifying_field`). Missing or mistyped
    /// fields give `field.missing` / `field.invalid`; an unknown name gives `command.unknown`.
    ///
    /// Bodies use the stored field names, with `subject` for the screening number, e.g.
    /// `subject.register`: `{"screeningNumber": "S-001", "screeningDate": "2026-11-20",
    /// "dateOfBirth": "1980-04-02", "sex": "female"}`;
    /// `assessment.record`: `{"subject": "S-001", "input": "ast", "value": {"number": "41.5"},
    /// "unit": "U/L", "uln": "40", "observedOn": "2026-11-20", "sourceDocument": "LAB-7731 p1"}`;
    /// `assessment.correct`: the same plus `"supersedes": 12, "reason": "transcription error"`.
    public init(name: String, body: [String: JSONValue]) throws(DomainError) {
        switch name {
        case "protocol.register":
            let reader = try CommandBodyReader(body, allowed: ["definition"])
            guard case .object(let definition)? = body["definition"] else { throw reader.missing("definition") }
            self = .registerProtocol(
                RegisterProtocol(definition: try ProtocolDefinition.decode(from: .object(definition))))
        case "subject.register":
            let reader = try CommandBodyReader(
                body, allowed: ["screeningNumber", "screeningDate", "dateOfBirth", "sex"])
            let sex = try reader.optionalString("sex").map { (text: String) throws(DomainError) -> Sex in
                guard let sex = Sex(rawValue: text) else { throw reader.invalid("sex", "must be male or female") }
                return sex
            }
            self = .registerSubject(
                RegisterSubject(
                    screeningNumber: try reader.string("screeningNumber"),
                    screeningDate: try reader.date("screeningDate"),
                    dateOfBirth: try reader.optionalDate("dateOfBirth"), sex: sex))
        case "consent.record":
            let reader = try CommandBodyReader(body, allowed: ["subject", "formVersion", "dateSigned"])
            self = .recordConsent(
                RecordConsent(
                    subject: try reader.string("subject"), formVersion: try reader.string("formVersion"),
                    dateSigned: try reader.date("dateSigned")))
        case "consent.withdraw":
            let reader = try CommandBodyReader(body, allowed: ["subject", "dateWithdrawn", "reason"])
            self = .withdrawConsent(
                WithdrawConsent(
                    subject: try reader.string("subject"), dateWithdrawn: try reader.date("dateWithdrawn"),
                    reason: try reader.optionalString("reason")))
        case "assessment.record":
            let reader = try CommandBodyReader(body, allowed: Self.findingFields.union(["subject"]))
            self = .recordAssessment(
                RecordAssessment(subject: try reader.string("subject"), finding: try Self.finding(reader)))
        case "assessment.correct":
            let reader = try CommandBodyReader(
                body, allowed: Self.findingFields.union(["subject", "supersedes", "reason"]))
            self = .correctAssessment(
                CorrectAssessment(
                    subject: try reader.string("subject"), supersedes: try reader.integer("supersedes"),
                    finding: try Self.finding(reader), reason: try reader.optionalString("reason") ?? ""))
        case "eligibility.sign":
            let reader = try CommandBodyReader(body, allowed: ["subject", "evaluationSHA256"])
            self = .signEligibility(
                SignEligibility(
                    subject: try reader.string("subject"), evaluationSHA256: try reader.string("evaluationSHA256")))
        case "subject.enrol":
            let reader = try CommandBodyReader(body, allowed: ["subject"])
            self = .enrol(EnrolSubject(subject: try reader.string("subject")))
        case "subject.screen_fail":
            let reader = try CommandBodyReader(body, allowed: ["subject", "category", "criteria", "text"])
            self = .screenFail(
                ScreenFailSubject(
                    subject: try reader.string("subject"),
                    category: try reader.enumeration(
                        "category", ScreenFailureCategory.self, allowed: ScreenFailureCategory.allCases),
                    criteria: try reader.optionalStringArray("criteria"), text: try reader.optionalString("text")))
        case "subject.withdraw":
            let reader = try CommandBodyReader(body, allowed: ["subject", "initiatedBy", "reason"])
            self = .withdraw(
                WithdrawSubject(
                    subject: try reader.string("subject"),
                    initiatedBy: try reader.enumeration(
                        "initiatedBy", WithdrawalInitiator.self, allowed: WithdrawalInitiator.allCases),
                    reason: try reader.optionalString("reason")))
        case "audit.review":
            let reader = try CommandBodyReader(body, allowed: ["subject", "throughSeq", "comment"])
            self = .recordAuditReview(
                RecordAuditReview(
                    subject: try reader.string("subject"), throughSeq: try reader.optionalInteger("throughSeq"),
                    comment: try reader.optionalString("comment")))
        default:
            throw DomainError(
                code: "command.unknown", field: nil,
                reason: "No command is named \(name); known: \(Self.names.joined(separator: ", ")).")
        }
    }

    private static let findingFields: Set<String> = AssessmentFinding.keys

    private static func finding(_ reader: CommandBodyReader) throws(DomainError) -> AssessmentFinding {
        var methodInputs: [String: ObservationValue]?
        if let json = reader.body["methodInputs"], json != .null {
            guard case .object(let members) = json else {
                throw reader.invalid("methodInputs", "must be an object of values")
            }
            var decoded: [String: ObservationValue] = [:]
            for (name, value) in members { decoded[name] = try reader.value(value, field: "methodInputs." + name) }
            methodInputs = decoded
        }
        return AssessmentFinding(
            input: try reader.string("input"), value: try reader.value(reader.body["value"], field: "value"),
            unit: try reader.optionalString("unit"), uln: try reader.optionalDecimal("uln"),
            observedOn: try reader.optionalDate("observedOn"), method: try reader.optionalString("method"),
            methodInputs: methodInputs, sourceDocument: try reader.optionalString("sourceDocument"))
    }
}
