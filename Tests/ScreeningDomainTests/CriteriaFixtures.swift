import ScreeningDomain

/// Synthetic subjects for the criteria tests (no real patient data).
enum Fixture {
    static let screeningDate = date("2025-03-10")

    static func date(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
        return date
    }

    static func decimal(_ text: String) -> DecimalValue {
        guard let value = DecimalValue(text) else { fatalError("bad test decimal \(text)") }
        return value
    }

    /// The bundled 1.0 definition (the real resource file, not a copy).
    static let definition: ProtocolDefinition = {
        do { return try ProtocolDefinition.bundledCD7CART() } catch { fatalError("bundled definition: \(error)") }
    }()

    /// A 44-year-old fertile man who meets every inclusion and no exclusion on 2025-03-10.
    static func eligibleMan() -> SubjectFacts {
        var facts = SubjectFacts(
            screeningDate: screeningDate, dateOfBirth: date("1980-05-01"), dateOfBirthSourceSeq: 2,
            sex: .male, sexSourceSeq: 2,
            consent: ConsentFact(formVersion: "2.0", dateSigned: date("2025-03-01"), sourceSeq: 3))
        facts.record("survival_over_12_weeks", .yesNo(true))
        facts.record("ecog", number: "1")
        facts.record("diagnosis", .code("cd7_positive_all"))
        facts.record("rr_no_cr_after_standard_chemotherapy", .yesNo(true))
        facts.record("ph_status", .code("negative"))
        facts.record("lung_function_normal", .yesNo(true))
        facts.record("spo2", number: "97", unit: "%")
        facts.record("spo2_without_oxygen", .yesNo(true))
        facts.record("ast", number: "30", unit: "U/L", uln: "40")
        facts.record("alt", number: "25", unit: "U/L", uln: "40")
        facts.record("total_bilirubin", number: "12", unit: "umol/L", uln: "21")
        facts.record("creatinine_clearance", number: "85", unit: "mL/min", method: "measured-24h-urine")
        facts.record("lipase", number: "30", unit: "U/L", uln: "60")
        facts.record("amylase", number: "50", unit: "U/L", uln: "100")
        facts.record("fertile_male", .yesNo(true))
        facts.record("contraception_agreed", .yesNo(true))
        for attestation in [
            "cns_disease_history", "active_uncured_infection", "qt_prolongation_or_severe_heart_disease",
            "study_drug_hypersensitivity", "prior_malignancy_within_5_years", "significant_cns_lesions",
            "autoimmune_organ_damage_or_immunosuppression_2_years", "severe_active_infection",
            "bleeding_or_thrombosis_risk",
            "prior_asct", "asct_planned", "other_trial_participation", "investigator_risk_concern",
        ] {
            facts.record(attestation, .yesNo(false))
        }
        facts.record("prior_anticancer_or_drug_treatment", .yesNo(true))
        facts.record("last_anticancer_or_drug_treatment_date", .date(date("2025-01-20")))
        return facts
    }

    /// The eligible man's facts for a pre-menopausal woman with a negative pregnancy test.
    static func eligibleWoman() -> SubjectFacts {
        var facts = eligibleMan()
        facts.sex = .female
        facts.observations["fertile_male"] = nil
        facts.record("menopausal_status", .code("premenopausal"))
        facts.record("serum_pregnancy_test", .code("negative"))
        facts.record("pregnant_or_breastfeeding", .yesNo(false))
        return facts
    }
}

extension SubjectFacts {
    /// Records (or replaces) an observation, with the next synthetic source seq.
    mutating func record(
        _ input: String, _ value: ObservationValue, unit: String? = nil, uln: String? = nil, method: String? = nil,
        inputs: [String: ObservationValue]? = nil
    ) {
        let seq = Int64(10 + observations.count) + (observations[input]?.sourceSeq ?? 0) * 1000
        observations[input] = Observation(
            input: input, value: value, unit: unit, uln: uln.map(Fixture.decimal), observedOn: Fixture.screeningDate,
            method: method, inputs: inputs, sourceSeq: seq)
    }

    /// Records a number observation.
    mutating func record(
        _ input: String, number: String, unit: String? = nil, uln: String? = nil, method: String? = nil,
        inputs: [String: ObservationValue]? = nil
    ) {
        record(input, .number(Fixture.decimal(number)), unit: unit, uln: uln, method: method, inputs: inputs)
    }

    /// The outcome of criterion `id` (searched through sub-items) under the bundled 1.0 definition.
    func outcome(of id: String, under definition: ProtocolDefinition = Fixture.definition) -> CriterionOutcome? {
        definition.evaluate(self).result(id)?.outcome
    }
}

extension EligibilityEvaluation {
    /// The result of criterion `id`, searched through sub-items.
    func result(_ id: String) -> CriterionResult? {
        func search(_ results: [CriterionResult]) -> CriterionResult? {
            for result in results {
                if result.id == id { return result }
                if let found = search(result.children) { return found }
            }
            return nil
        }
        return search(criteria)
    }
}
