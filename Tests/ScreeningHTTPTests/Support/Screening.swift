import EventLog
import Foundation
import Hummingbird
import ScreeningApp

/// Drives a screening through the API as the site's staff would, with synthetic data.
///
/// Dates assume the fixture's clock (2026-11-20, Asia/Shanghai): the screening date is that day.
struct Screening: Sendable {
    let client: APIClient
    /// Bearer tokens per role.
    let tokens: [Role: String]

    /// The screening date every subject gets.
    static let screeningDate = "2026-11-20"

    /// Logs every fixture account in.
    static func begin(_ client: APIClient) async throws -> Screening {
        var tokens: [Role: String] = [:]
        for role in Role.allCases { tokens[role] = try await client.login(as: role) }
        return Screening(client: client, tokens: tokens)
    }

    /// The token of `role`.
    func token(_ role: Role) -> String { tokens[role]! }

    /// `POST` a write as `role`, requiring `expected` status.
    @discardableResult
    func write(
        _ path: String, as role: Role, _ body: JSONValue, expect expected: HTTPResponse.Status = .ok
    ) async throws -> APIResponse {
        let response = try await client.post(path, token: token(role), json: body)
        guard response.status == expected else {
            throw APITestError.unexpected("POST \(path) as \(role): \(response.status.code) \(response.text)")
        }
        return response
    }

    /// Registers a subject (as the coordinator): a man born 1980-05-01 unless told otherwise.
    @discardableResult
    func register(_ screeningNumber: String, sex: String = "male", dateOfBirth: String = "1980-05-01") async throws
        -> APIResponse
    {
        try await write(
            "/v1/subjects", as: .coordinator,
            [
                "screeningNumber": .string(screeningNumber), "screeningDate": .string(Self.screeningDate),
                "dateOfBirth": .string(dateOfBirth), "sex": .string(sex),
            ], expect: .created)
    }

    /// Records consent (as the coordinator).
    func consent(_ screeningNumber: String) async throws {
        try await write(
            "/v1/subjects/\(screeningNumber)/consent", as: .coordinator,
            ["formVersion": "2.0", "dateSigned": "2026-11-18"])
    }

    /// A registered, consented subject.
    func registerConsented(_ screeningNumber: String) async throws {
        try await register(screeningNumber)
        try await consent(screeningNumber)
    }

    /// An assessment body for a numeric input.
    static func number(_ input: String, _ value: String, unit: String? = nil, uln: String? = nil) -> JSONValue {
        var body: [String: JSONValue] = [
            "input": .string(input), "value": ["number": .string(value)], "observedOn": .string(screeningDate),
        ]
        if let unit { body["unit"] = .string(unit) }
        if let uln { body["uln"] = .string(uln) }
        return .object(body)
    }

    /// An assessment or attestation body for a yes/no input.
    static func yesNo(_ input: String, _ answer: Bool) -> JSONValue {
        ["input": .string(input), "value": ["yesNo": .bool(answer)], "observedOn": .string(screeningDate)]
    }

    /// An assessment body for a coded input.
    static func code(_ input: String, _ code: String) -> JSONValue {
        ["input": .string(input), "value": ["code": .string(code)], "observedOn": .string(screeningDate)]
    }

    /// An assessment body for a date input.
    static func date(_ input: String, _ date: String) -> JSONValue {
        ["input": .string(input), "value": ["date": .string(date)]]
    }

    /// Records everything that makes a consented man eligible under the bundled protocol:
    /// measurements by the coordinator, clinical-judgement attestations by the investigator.
    func recordEligibleMan(_ screeningNumber: String) async throws {
        let assessments = "/v1/subjects/\(screeningNumber)/assessments"
        let attestations = "/v1/subjects/\(screeningNumber)/attestations"
        for body in [
            Self.number("ecog", "1"),
            Self.code("diagnosis", "cd7_positive_all"),
            Self.code("ph_status", "negative"),
            Self.number("spo2", "97", unit: "%"),
            Self.yesNo("spo2_without_oxygen", true),
            Self.number("ast", "30", unit: "U/L", uln: "40"),
            Self.number("alt", "25", unit: "U/L", uln: "40"),
            Self.number("total_bilirubin", "12", unit: "umol/L", uln: "21"),
            [
                "input": "creatinine_clearance", "value": ["number": "85"], "unit": "mL/min",
                "method": "measured-24h-urine", "observedOn": .string(Self.screeningDate),
            ],
            Self.number("lipase", "30", unit: "U/L", uln: "60"),
            Self.number("amylase", "50", unit: "U/L", uln: "100"),
            Self.yesNo("contraception_agreed", true),
            Self.yesNo("prior_anticancer_or_drug_treatment", true),
            Self.date("last_anticancer_or_drug_treatment_date", "2026-09-20"),
            Self.yesNo("other_trial_participation", false),
            Self.yesNo("prior_asct", false),
        ] as [JSONValue] {
            try await write(assessments, as: .coordinator, body)
        }
        var attested: [JSONValue] = [
            Self.yesNo("survival_over_12_weeks", true),
            Self.yesNo("rr_no_cr_after_standard_chemotherapy", true),
            Self.yesNo("lung_function_normal", true),
            Self.yesNo("fertile_male", true),
        ]
        for input in [
            "cns_disease_history", "active_uncured_infection", "qt_prolongation_or_severe_heart_disease",
            "study_drug_hypersensitivity", "prior_malignancy_within_5_years", "significant_cns_lesions",
            "autoimmune_organ_damage_or_immunosuppression_2_years", "severe_active_infection",
            "bleeding_or_thrombosis_risk", "asct_planned", "investigator_risk_concern",
        ] {
            attested.append(Self.yesNo(input, false))
        }
        for body in attested {
            try await write(attestations, as: .investigator, body)
        }
    }

    /// The subject's state as `role` sees it.
    func status(_ screeningNumber: String, as role: Role = .investigator) async throws -> JSONValue {
        let response = try await client.get("/v1/subjects/\(screeningNumber)", token: token(role))
        guard response.status == .ok else {
            throw APITestError.unexpected("GET subject: \(response.status.code) \(response.text)")
        }
        return response.json
    }

    /// The evaluation hash the investigator is shown.
    func evaluationHash(_ screeningNumber: String) async throws -> String {
        guard let hash = try await status(screeningNumber)["evaluationSHA256"]?.stringValue else {
            throw APITestError.unexpected("no evaluationSHA256")
        }
        return hash
    }

    /// The seq of the entry that recorded `input`'s current value, from the evaluation's evidence.
    func currentSeq(_ screeningNumber: String, input: String) async throws -> Int64 {
        func find(_ value: JSONValue) -> Int64? {
            switch value {
            case .object(let members):
                if members["input"]?.stringValue == input, let seq = members["sourceSeq"]?.integerValue { return seq }
                return members.values.lazy.compactMap(find).first
            case .array(let elements):
                return elements.lazy.compactMap(find).first
            default:
                return nil
            }
        }
        guard let seq = find(try await status(screeningNumber)) else {
            throw APITestError.unexpected("no evidence for \(input)")
        }
        return seq
    }

    /// The signature meaning of the bundled protocol the subject is screened under.
    static let meaning = "I confirm the subject meets all eligibility criteria of protocol NCT05827835 v1.0"

    /// The signature body for `hash`.
    static func signature(_ hash: String, password: String = APIFixture.password, meaning: String = meaning)
        -> JSONValue
    {
        ["evaluationSHA256": .string(hash), "password": .string(password), "meaning": .string(meaning)]
    }

    /// The signature body for what the investigator is shown now: the evaluation hash and the
    /// meaning from the subject's state.
    func signatureShown(_ screeningNumber: String) async throws -> JSONValue {
        let status = try await status(screeningNumber)
        guard let hash = status["evaluationSHA256"]?.stringValue, let meaning = status["signatureMeaning"]?.stringValue
        else { throw APITestError.unexpected("no evaluationSHA256 or signatureMeaning") }
        return Self.signature(hash, meaning: meaning)
    }

    /// A consented eligible man, signed by the investigator.
    func signedEligible(_ screeningNumber: String) async throws {
        try await registerConsented(screeningNumber)
        try await recordEligibleMan(screeningNumber)
        try await write(
            "/v1/subjects/\(screeningNumber)/sign", as: .investigator, try await signatureShown(screeningNumber))
    }

    /// The seq of the first entry a write appended.
    static func seq(of response: APIResponse) -> Int64? {
        response.json["entries"]?.arrayValue?.first?["seq"]?.integerValue
    }
}
