import ScreeningDomain
import Testing

@Suite("Observation validation against the bundled definition")
struct ProtocolValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let observation: Observation
        let code: String
        let field: String
        var testDescription: String { name }
    }

    static func number(
        _ input: String, _ value: String, unit: String? = nil, uln: String? = nil, method: String? = nil,
        inputs: [String: ObservationValue]? = nil
    ) -> Observation {
        Observation(
            input: input, value: .number(Fixture.decimal(value)), unit: unit, uln: uln.map(Fixture.decimal),
            method: method, inputs: inputs, sourceSeq: 1)
    }

    static let cockcroftGaultInputs: [String: ObservationValue] = [
        "ageYears": .number(Fixture.decimal("60")), "weightKg": .number(Fixture.decimal("54")),
        "serumCreatinine": .number(Fixture.decimal("2")), "serumCreatinineUnit": .code("mg/dL"), "sex": .code("male"),
    ]

    static let rejected: [Case] = [
        Case(name: "ECOG 7", observation: number("ecog", "7"), code: "value.out_of_range", field: "value"),
        Case(name: "ECOG -1", observation: number("ecog", "-1"), code: "value.out_of_range", field: "value"),
        Case(name: "ECOG 1.5", observation: number("ecog", "1.5"), code: "value.not_integer", field: "value"),
        Case(
            name: "ECOG with a unit", observation: number("ecog", "1", unit: "%"), code: "unit.unexpected",
            field: "unit"),
        Case(
            name: "SpO2 130%", observation: number("spo2", "130", unit: "%"), code: "value.out_of_range", field: "value"
        ),
        Case(name: "SpO2 without unit", observation: number("spo2", "95"), code: "unit.required", field: "unit"),
        Case(
            name: "negative lab value", observation: number("ast", "-1", unit: "U/L", uln: "40"),
            code: "value.out_of_range", field: "value"),
        Case(
            name: "ULN of zero", observation: number("ast", "30", unit: "U/L", uln: "0"), code: "uln.out_of_range",
            field: "uln"),
        Case(
            name: "negative ULN", observation: number("alt", "30", unit: "U/L", uln: "-40"), code: "uln.out_of_range",
            field: "uln"),
        Case(
            name: "lab without ULN", observation: number("ast", "30", unit: "U/L"), code: "uln.required", field: "uln"),
        Case(
            name: "AST in mg/dL", observation: number("ast", "30", unit: "mg/dL", uln: "40"), code: "unit.invalid",
            field: "unit"),
        Case(
            name: "bilirubin in mmol/L", observation: number("total_bilirubin", "12", unit: "mmol/L", uln: "21"),
            code: "unit.invalid", field: "unit"),
        Case(
            name: "ULN on a non-lab number", observation: number("spo2", "95", unit: "%", uln: "100"),
            code: "uln.unexpected", field: "uln"),
        Case(
            name: "unknown input", observation: number("hemoglobin", "12", unit: "g/dL"), code: "input.unknown",
            field: "input"),
        Case(
            name: "code for a number input", observation: Observation(input: "ecog", value: .code("2"), sourceSeq: 1),
            code: "value.wrong_type", field: "value"),
        Case(
            name: "code not allowed",
            observation: Observation(input: "ph_status", value: .code("unknown"), sourceSeq: 1),
            code: "value.invalid_code", field: "value"),
        Case(
            name: "clearance without method", observation: number("creatinine_clearance", "80", unit: "mL/min"),
            code: "method.required", field: "method"),
        Case(
            name: "clearance by an unknown method",
            observation: number("creatinine_clearance", "80", unit: "mL/min", method: "mdrd"),
            code: "method.invalid", field: "method"),
        Case(
            name: "method on an input without methods",
            observation: number("spo2", "95", unit: "%", method: "pulse-oximetry"),
            code: "method.unexpected", field: "method"),
        Case(
            name: "Cockcroft-Gault without weight",
            observation: number(
                "creatinine_clearance", "30", unit: "mL/min", method: "cockcroft-gault",
                inputs: cockcroftGaultInputs.filter { $0.key != "weightKg" }),
            code: "inputs.missing", field: "inputs.weightKg"),
        Case(
            name: "Cockcroft-Gault with an unknown creatinine unit",
            observation: number(
                "creatinine_clearance", "30", unit: "mL/min", method: "cockcroft-gault",
                inputs: cockcroftGaultInputs.merging(["serumCreatinineUnit": .code("mmol/L")]) { $1 }),
            code: "inputs.invalid", field: "inputs.serumCreatinineUnit"),
        Case(
            name: "Cockcroft-Gault value off by 0.1",
            observation: number(
                "creatinine_clearance", "30.1", unit: "mL/min",
                method: "cockcroft-gault", inputs: cockcroftGaultInputs),
            code: "value.formula_mismatch", field: "value"),
    ]

    @Test("Impossible or ill-formed observations are rejected with a stable code naming the field", arguments: rejected)
    func rejects(_ testCase: Case) throws {
        let error = try #require(Fixture.definition.validate(testCase.observation))
        #expect(error.code == testCase.code)
        #expect(error.field == testCase.field)
        #expect(!error.reason.isEmpty)
    }

    @Test("Every rejection states the rule that was broken, never the value sent", arguments: rejected)
    func reasonStatesTheRule(_ testCase: Case) throws {
        let error = try #require(Fixture.definition.validate(testCase.observation))
        let statesRule = ["must", "needs", "takes only"].contains { error.reason.contains($0) }
        #expect(statesRule, "\(error.reason)")
        if case .number(let sent) = testCase.observation.value, sent != Fixture.decimal("0") {
            #expect(!error.reason.contains(sent.description) || testCase.code == "value.out_of_range")
        }
    }

    @Test("Lab and ULN reasons read as rules; a formula mismatch names what the formula gives")
    func reasonWording() throws {
        let negative = try #require(Fixture.definition.validate(Self.number("ast", "-1", unit: "U/L", uln: "40")))
        #expect(negative.reason == "A lab value must not be negative.")
        let zeroULN = try #require(Fixture.definition.validate(Self.number("ast", "30", unit: "U/L", uln: "0")))
        #expect(zeroULN.reason == "The ULN must be greater than zero.")
        let mismatch = try #require(
            Fixture.definition.validate(
                Self.number(
                    "creatinine_clearance", "41.5", unit: "mL/min", method: "cockcroft-gault",
                    inputs: Self.cockcroftGaultInputs)))
        #expect(mismatch.code == "value.formula_mismatch")
        #expect(mismatch.reason.contains("from the recorded inputs it gives 30 mL/min"))
        #expect(!mismatch.reason.contains("41.5"))
    }

    static let accepted: [Observation] = [
        number("ecog", "0"), number("ecog", "5"), number("spo2", "100", unit: "%"), number("spo2", "0", unit: "%"),
        number("ast", "0", unit: "U/L", uln: "40"), number("total_bilirubin", "0.8", unit: "mg/dL", uln: "1.2"),
        number("creatinine_clearance", "30", unit: "mL/min", method: "cockcroft-gault", inputs: cockcroftGaultInputs),
        number(
            "creatinine_clearance", "30.04", unit: "mL/min", method: "cockcroft-gault", inputs: cockcroftGaultInputs),
        number("other_trial_drug_half_life", "36", unit: "h"),
        Observation(input: "survival_over_12_weeks", value: .yesNo(true), sourceSeq: 1),
        Observation(input: "asct_date", value: .date(Fixture.date("2025-01-01")), sourceSeq: 1),
    ]

    @Test("Plausible observations pass, including the range ends", arguments: accepted)
    func accepts(_ observation: Observation) {
        #expect(Fixture.definition.validate(observation, screeningDate: Fixture.screeningDate) == nil)
    }

    @Test("Past-event dates after the screening date are rejected when the screening date is known")
    func futureDates() throws {
        let observation = Observation(input: "menopause_date", value: .date(Fixture.date("2025-03-11")), sourceSeq: 1)
        #expect(Fixture.definition.validate(observation) == nil)
        let error = try #require(Fixture.definition.validate(observation, screeningDate: Fixture.screeningDate))
        #expect(error.code == "value.after_screening")
        #expect(error.field == "value")
    }

    @Test("Cockcroft-Gault estimate: (140 - age) x kg / (72 x mg/dL), x 0.85 for women, umol/L / 88.4")
    func cockcroftGault() {
        let male = CockcroftGault.estimate(
            ageYears: Fixture.decimal("60"), weightKg: Fixture.decimal("54"), serumCreatinine: Fixture.decimal("2"),
            creatinineUnit: "mg/dL", sex: .male)
        #expect(male == Fixture.decimal("30"))
        let micromolar = CockcroftGault.estimate(
            ageYears: Fixture.decimal("60"), weightKg: Fixture.decimal("54"), serumCreatinine: Fixture.decimal("176.8"),
            creatinineUnit: "umol/L", sex: .male)
        #expect(micromolar == Fixture.decimal("30"))
        let female = CockcroftGault.estimate(
            ageYears: Fixture.decimal("60"), weightKg: Fixture.decimal("54"), serumCreatinine: Fixture.decimal("1.7"),
            creatinineUnit: "mg/dL", sex: .female)
        #expect(female?.rounded(places: 10) == Fixture.decimal("30"))
        // (140 - 45) x 70 / (72 x 1.1) = 83.964..., recorded to 0.1 as 84.0
        let typical = CockcroftGault.estimate(
            ageYears: Fixture.decimal("45"), weightKg: Fixture.decimal("70"), serumCreatinine: Fixture.decimal("1.1"),
            creatinineUnit: "mg/dL", sex: .male)
        #expect(typical?.rounded(places: 1) == Fixture.decimal("84"))
        #expect(
            CockcroftGault.estimate(
                ageYears: Fixture.decimal("45"), weightKg: Fixture.decimal("70"), serumCreatinine: Fixture.decimal("0"),
                creatinineUnit: "mg/dL", sex: .male) == nil)
    }

    @Test("Error descriptions carry code, field and reason but never the value")
    func errorDescription() throws {
        let error = try #require(Fixture.definition.validate(Self.number("spo2", "130", unit: "%")))
        #expect(error.description.hasPrefix("value.out_of_range (value): "))
        #expect(!error.description.contains("130"))
    }
}
