import ScreeningDomain
import Testing

/// Boundary cases for every machine rule, through the real bundled 1.0 definition.
/// Each case changes the fully eligible subject in one respect and checks one criterion.
@Suite("Criteria boundaries (bundled NCT05827835 v1.0)")
struct CriteriaBoundaryTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let criterion: String
        let expected: CriterionOutcome
        let change: @Sendable (inout SubjectFacts) -> Void
        var testDescription: String { "\(criterion) \(name) -> \(expected)" }
    }

    static func check(_ testCase: Case, base: SubjectFacts = Fixture.eligibleMan()) {
        var facts = base
        testCase.change(&facts)
        #expect(facts.outcome(of: testCase.criterion) == testCase.expected, "\(testCase.testDescription)")
    }

    static let labCases: [Case] = [
        Case(name: "AST exactly 2.5 x ULN", criterion: "I9a", expected: .met) {
            $0.record("ast", number: "100", unit: "U/L", uln: "40")
        },
        Case(name: "AST 2.5 x ULN + 0.1", criterion: "I9a", expected: .notMet) {
            $0.record("ast", number: "100.1", unit: "U/L", uln: "40")
        },
        Case(name: "AST 2.5 x ULN + 0.001", criterion: "I9a", expected: .notMet) {
            $0.record("ast", number: "100.001", unit: "U/L", uln: "40")
        },
        Case(name: "ALT exactly 2.5 x odd ULN", criterion: "I9a", expected: .met) {
            $0.record("alt", number: "82.5", unit: "U/L", uln: "33")
        },
        Case(name: "ALT 2.5 x odd ULN + 0.01", criterion: "I9a", expected: .notMet) {
            $0.record("alt", number: "82.51", unit: "U/L", uln: "33")
        },
        Case(name: "bilirubin exactly 1.5 x ULN (umol/L)", criterion: "I9b", expected: .met) {
            $0.record("total_bilirubin", number: "31.5", unit: "umol/L", uln: "21")
        },
        Case(name: "bilirubin 1.5 x ULN + 0.1 (umol/L)", criterion: "I9b", expected: .notMet) {
            $0.record("total_bilirubin", number: "31.6", unit: "umol/L", uln: "21")
        },
        Case(name: "bilirubin exactly 1.5 x ULN (mg/dL)", criterion: "I9b", expected: .met) {
            $0.record("total_bilirubin", number: "1.8", unit: "mg/dL", uln: "1.2")
        },
        Case(name: "bilirubin 1.5 x ULN + 0.01 (mg/dL)", criterion: "I9b", expected: .notMet) {
            $0.record("total_bilirubin", number: "1.81", unit: "mg/dL", uln: "1.2")
        },
        Case(name: "lipase exactly 2 x ULN", criterion: "I9d", expected: .met) {
            $0.record("lipase", number: "120", unit: "U/L", uln: "60")
        },
        Case(name: "lipase 2 x ULN + 0.1", criterion: "I9d", expected: .notMet) {
            $0.record("lipase", number: "120.1", unit: "U/L", uln: "60")
        },
        Case(name: "amylase exactly 2 x ULN", criterion: "I9d", expected: .met) {
            $0.record("amylase", number: "200", unit: "U/L", uln: "100")
        },
        Case(name: "amylase 2 x ULN + 0.01", criterion: "I9d", expected: .notMet) {
            $0.record("amylase", number: "200.01", unit: "U/L", uln: "100")
        },
    ]

    @Test("Lab limits as multiples of the lab's ULN: the exact multiple meets <=", arguments: labCases)
    func labs(_ testCase: Case) { Self.check(testCase) }

    static func cockcroftGault(sex: Sex, age: String, weight: String, creatinine: String, unit: String) -> [String:
        ObservationValue]
    {
        [
            "ageYears": .number(Fixture.decimal(age)), "weightKg": .number(Fixture.decimal(weight)),
            "serumCreatinine": .number(Fixture.decimal(creatinine)), "serumCreatinineUnit": .code(unit),
            "sex": .code(sex.rawValue),
        ]
    }

    static let clearanceCases: [Case] = [
        Case(name: "measured 30", criterion: "I9c", expected: .met) {
            $0.record("creatinine_clearance", number: "30", unit: "mL/min", method: "measured-24h-urine")
        },
        Case(name: "measured 29.9", criterion: "I9c", expected: .notMet) {
            $0.record("creatinine_clearance", number: "29.9", unit: "mL/min", method: "measured-24h-urine")
        },
        // (140 - 60) x 54 / (72 x 2) = 30.0
        Case(name: "Cockcroft-Gault man 30.0 (mg/dL)", criterion: "I9c", expected: .met) {
            $0.record(
                "creatinine_clearance", number: "30.0", unit: "mL/min", method: "cockcroft-gault",
                inputs: cockcroftGault(sex: .male, age: "60", weight: "54", creatinine: "2", unit: "mg/dL"))
        },
        // (140 - 60) x 53.82 / (72 x 2) = 29.9
        Case(name: "Cockcroft-Gault man 29.9 (mg/dL)", criterion: "I9c", expected: .notMet) {
            $0.record(
                "creatinine_clearance", number: "29.9", unit: "mL/min", method: "cockcroft-gault",
                inputs: cockcroftGault(sex: .male, age: "60", weight: "53.82", creatinine: "2", unit: "mg/dL"))
        },
        // 176.8 umol/L / 88.4 = 2 mg/dL
        Case(name: "Cockcroft-Gault man 30 (umol/L)", criterion: "I9c", expected: .met) {
            $0.record(
                "creatinine_clearance", number: "30", unit: "mL/min", method: "cockcroft-gault",
                inputs: cockcroftGault(sex: .male, age: "60", weight: "54", creatinine: "176.8", unit: "umol/L"))
        },
        // (140 - 60) x 54 / (72 x 1.7) x 0.85 = 30.0
        Case(name: "Cockcroft-Gault woman 30.0", criterion: "I9c", expected: .met) {
            $0.record(
                "creatinine_clearance", number: "30.0", unit: "mL/min", method: "cockcroft-gault",
                inputs: cockcroftGault(sex: .female, age: "60", weight: "54", creatinine: "1.7", unit: "mg/dL"))
        },
        Case(name: "Cockcroft-Gault woman 29.9", criterion: "I9c", expected: .notMet) {
            $0.record(
                "creatinine_clearance", number: "29.9", unit: "mL/min", method: "cockcroft-gault",
                inputs: cockcroftGault(sex: .female, age: "60", weight: "53.82", creatinine: "1.7", unit: "mg/dL"))
        },
        Case(name: "Cockcroft-Gault value not matching its inputs is not used", criterion: "I9c", expected: .missing) {
            $0.record(
                "creatinine_clearance", number: "30.0", unit: "mL/min", method: "cockcroft-gault",
                inputs: cockcroftGault(sex: .male, age: "60", weight: "53.82", creatinine: "2", unit: "mg/dL"))
        },
    ]

    @Test("Creatinine clearance >= 30 mL/min, measured and Cockcroft-Gault", arguments: clearanceCases)
    func clearance(_ testCase: Case) { Self.check(testCase) }

    static let vitalCases: [Case] = [
        Case(name: "SpO2 92%", criterion: "I8", expected: .notMet) { $0.record("spo2", number: "92", unit: "%") },
        Case(name: "SpO2 92.1%", criterion: "I8", expected: .met) { $0.record("spo2", number: "92.1", unit: "%") },
        Case(name: "SpO2 93%", criterion: "I8", expected: .met) { $0.record("spo2", number: "93", unit: "%") },
        Case(name: "SpO2 97% on oxygen", criterion: "I8", expected: .notMet) {
            $0.record("spo2_without_oxygen", .yesNo(false))
        },
        Case(name: "ECOG 0", criterion: "I4", expected: .met) { $0.record("ecog", number: "0") },
        Case(name: "ECOG 2", criterion: "I4", expected: .met) { $0.record("ecog", number: "2") },
        Case(name: "ECOG 3", criterion: "I4", expected: .notMet) { $0.record("ecog", number: "3") },
    ]

    @Test("SpO2 greater than 92% without oxygen; ECOG <= 2", arguments: vitalCases)
    func vitals(_ testCase: Case) { Self.check(testCase) }

    static let ageCases: [Case] = [
        Case(name: "18th birthday on the screening date", criterion: "I2", expected: .met) {
            $0.dateOfBirth = Fixture.date("2007-03-10")
        },
        Case(name: "day before the 18th birthday", criterion: "I2", expected: .notMet) {
            $0.dateOfBirth = Fixture.date("2007-03-11")
        },
        Case(name: "75, day before the 76th birthday", criterion: "I2", expected: .met) {
            $0.dateOfBirth = Fixture.date("1949-03-11")
        },
        Case(name: "76th birthday on the screening date", criterion: "I2", expected: .notMet) {
            $0.dateOfBirth = Fixture.date("1949-03-10")
        },
        Case(name: "born 29 Feb, 18 on 28 Feb of a common year", criterion: "I2", expected: .met) {
            $0.dateOfBirth = Fixture.date("2008-02-29")
            $0.screeningDate = Fixture.date("2026-02-28")
        },
        Case(name: "born 29 Feb, 17 on 27 Feb", criterion: "I2", expected: .notMet) {
            $0.dateOfBirth = Fixture.date("2008-02-29")
            $0.screeningDate = Fixture.date("2026-02-27")
        },
        Case(name: "born 29 Feb, 18 on 29 Feb of a leap year", criterion: "I2", expected: .met) {
            $0.dateOfBirth = Fixture.date("2008-02-29")
            $0.screeningDate = Fixture.date("2028-02-29")
        },
        Case(name: "date of birth not recorded", criterion: "I2", expected: .missing) { $0.dateOfBirth = nil },
        Case(name: "date of birth after screening", criterion: "I2", expected: .missing) {
            $0.dateOfBirth = Fixture.date("2025-03-11")
        },
    ]

    @Test("Age on the screening date: 18 from the criteria text, 75 from the registry", arguments: ageCases)
    func age(_ testCase: Case) { Self.check(testCase) }

    static func daysBefore(_ days: Int) -> ObservationValue {
        .date(Fixture.screeningDate.adding(days: -days))
    }

    static let windowCases: [Case] = [
        Case(name: "anticancer drug 13 days before", criterion: "E6", expected: .met) {
            $0.record("last_anticancer_or_drug_treatment_date", daysBefore(13))
        },
        Case(name: "anticancer drug 14 days before", criterion: "E6", expected: .notMet) {
            $0.record("last_anticancer_or_drug_treatment_date", daysBefore(14))
        },
        Case(name: "anticancer drug on the screening date", criterion: "E6", expected: .met) {
            $0.record("last_anticancer_or_drug_treatment_date", daysBefore(0))
        },
        Case(name: "anticancer drug date not recorded", criterion: "E6", expected: .missing) {
            $0.observations["last_anticancer_or_drug_treatment_date"] = nil
        },
        Case(name: "no anticancer or drug treatment ever", criterion: "E6", expected: .notMet) {
            $0.record("prior_anticancer_or_drug_treatment", .yesNo(false))
            $0.observations["last_anticancer_or_drug_treatment_date"] = nil
        },
        Case(name: "ASCT 55 days before", criterion: "E11", expected: .met) {
            $0.record("prior_asct", .yesNo(true))
            $0.record("asct_date", daysBefore(55))
        },
        Case(name: "ASCT 56 days before", criterion: "E11", expected: .notMet) {
            $0.record("prior_asct", .yesNo(true))
            $0.record("asct_date", daysBefore(56))
        },
        Case(name: "ASCT planned during the study", criterion: "E11", expected: .met) {
            $0.record("asct_planned", .yesNo(true))
        },
        Case(name: "other trial 27 days before", criterion: "E12", expected: .met) {
            $0.record("other_trial_participation", .yesNo(true))
            $0.record("other_trial_last_dose_date", daysBefore(27))
        },
        Case(name: "other trial 28 days before, half-life 24 h (5 x = 5 days)", criterion: "E12", expected: .notMet) {
            $0.record("other_trial_participation", .yesNo(true))
            $0.record("other_trial_last_dose_date", daysBefore(28))
            $0.record("other_trial_drug_half_life", number: "24", unit: "h")
        },
        Case(name: "other trial 28 days before, half-life unknown", criterion: "E12", expected: .missing) {
            $0.record("other_trial_participation", .yesNo(true))
            $0.record("other_trial_last_dose_date", daysBefore(28))
        },
        Case(name: "other trial 34 days before, half-life 7 d (35 days)", criterion: "E12", expected: .met) {
            $0.record("other_trial_participation", .yesNo(true))
            $0.record("other_trial_last_dose_date", daysBefore(34))
            $0.record("other_trial_drug_half_life", number: "7", unit: "d")
        },
        Case(name: "other trial 35 days before, half-life 7 d (35 days)", criterion: "E12", expected: .notMet) {
            $0.record("other_trial_participation", .yesNo(true))
            $0.record("other_trial_last_dose_date", daysBefore(35))
            $0.record("other_trial_drug_half_life", number: "7", unit: "d")
        },
        Case(name: "other trial 37 days before, half-life 180 h (37.5 days)", criterion: "E12", expected: .met) {
            $0.record("other_trial_participation", .yesNo(true))
            $0.record("other_trial_last_dose_date", daysBefore(37))
            $0.record("other_trial_drug_half_life", number: "180", unit: "h")
        },
    ]

    @Test("Windows before screening: fewer than N whole days", arguments: windowCases)
    func windows(_ testCase: Case) { Self.check(testCase) }

    static let alternativeCases: [Case] =
        [
            Case(name: "Ph-negative alone", criterion: "I7", expected: .met) {
                $0.record("ph_status", .code("negative"))
            },
            Case(name: "TKI intolerance alone (Ph status not recorded)", criterion: "I7", expected: .met) {
                $0.observations["ph_status"] = nil
                $0.record("tki_intolerant", .yesNo(true))
            },
            Case(name: "Ph-positive without response to both TKIs", criterion: "I7", expected: .met) {
                $0.record("ph_status", .code("positive"))
                $0.record("tki_intolerant", .yesNo(false))
                $0.record("ph_positive_no_response_to_two_tkis", .yesNo(true))
            },
            Case(name: "Ph-positive, TKI tolerated and responded: none", criterion: "I7", expected: .notMet) {
                $0.record("ph_status", .code("positive"))
                $0.record("tki_intolerant", .yesNo(false))
                $0.record("ph_positive_no_response_to_two_tkis", .yesNo(false))
            },
            Case(name: "Ph-positive, nothing else recorded", criterion: "I7", expected: .missing) {
                $0.record("ph_status", .code("positive"))
            },
        ] + rrCases

    static let rrInputs = [
        "rr_no_cr_after_standard_chemotherapy", "rr_first_cr_at_most_12_months", "rr_no_response_to_salvage",
        "rr_multiple_relapses",
    ]

    static var rrCases: [Case] {
        rrInputs.map { chosen in
            Case(name: "r/r alternative \(chosen) alone", criterion: "I6", expected: .met) { facts in
                for input in rrInputs { facts.record(input, .yesNo(input == chosen)) }
            }
        } + [
            Case(name: "no r/r alternative", criterion: "I6", expected: .notMet) { facts in
                for input in rrInputs { facts.record(input, .yesNo(false)) }
            },
            Case(name: "r/r alternatives partly recorded, none yes", criterion: "I6", expected: .missing) { facts in
                facts.record(rrInputs[0], .yesNo(false))
            },
        ]
    }

    @Test("Alternatives: Ph status and r/r (any one suffices)", arguments: alternativeCases)
    func alternatives(_ testCase: Case) { Self.check(testCase) }

    static let pregnancyCases: [Case] = [
        Case(name: "man", criterion: "I10b", expected: .notApplicable) { _ in },
        Case(name: "pre-menopausal woman, negative test", criterion: "I10b", expected: .met) { _ in },
        Case(name: "pre-menopausal woman, positive test", criterion: "I10b", expected: .notMet) {
            $0.record("serum_pregnancy_test", .code("positive"))
        },
        Case(name: "pre-menopausal woman, no test", criterion: "I10b", expected: .missing) {
            $0.observations["serum_pregnancy_test"] = nil
        },
        Case(name: "woman 3 years after menopause, no test", criterion: "I10b", expected: .notApplicable) {
            $0.record("menopausal_status", .code("postmenopausal"))
            $0.record("menopause_date", .date(Fixture.screeningDate.adding(years: -3)))
            $0.observations["serum_pregnancy_test"] = nil
        },
        Case(name: "woman exactly 2 years after menopause, no test", criterion: "I10b", expected: .notApplicable) {
            $0.record("menopausal_status", .code("postmenopausal"))
            $0.record("menopause_date", .date(Fixture.screeningDate.adding(years: -2)))
            $0.observations["serum_pregnancy_test"] = nil
        },
        Case(name: "woman 1 year after menopause, no test", criterion: "I10b", expected: .missing) {
            $0.record("menopausal_status", .code("postmenopausal"))
            $0.record("menopause_date", .date(Fixture.screeningDate.adding(years: -1)))
            $0.observations["serum_pregnancy_test"] = nil
        },
        Case(name: "woman 1 year after menopause, negative test", criterion: "I10b", expected: .met) {
            $0.record("menopausal_status", .code("postmenopausal"))
            $0.record("menopause_date", .date(Fixture.screeningDate.adding(years: -1)))
        },
        Case(
            name: "woman, menopausal status unknown, negative test (passes either way)", criterion: "I10b",
            expected: .met
        ) {
            $0.observations["menopausal_status"] = nil
        },
        Case(name: "woman, menopausal status unknown, positive test", criterion: "I10b", expected: .missing) {
            $0.observations["menopausal_status"] = nil
            $0.record("serum_pregnancy_test", .code("positive"))
        },
        Case(
            name: "woman 3 years after menopause: contraception not required", criterion: "I10a",
            expected: .notApplicable
        ) {
            $0.record("menopausal_status", .code("postmenopausal"))
            $0.record("menopause_date", .date(Fixture.screeningDate.adding(years: -3)))
        },
        Case(name: "woman of reproductive age refusing contraception", criterion: "I10a", expected: .notMet) {
            $0.record("contraception_agreed", .yesNo(false))
        },
    ]

    @Test("Pregnancy test and contraception apply only to people who can conceive", arguments: pregnancyCases)
    func pregnancy(_ testCase: Case) {
        let base = testCase.name == "man" ? Fixture.eligibleMan() : Fixture.eligibleWoman()
        Self.check(testCase, base: base)
    }

    @Test("A man who is not fertility capable needs no contraception; a fertile man does")
    func maleContraception() {
        var facts = Fixture.eligibleMan()
        facts.record("contraception_agreed", .yesNo(false))
        #expect(facts.outcome(of: "I10a") == .notMet)
        facts.record("fertile_male", .yesNo(false))
        #expect(facts.outcome(of: "I10a") == .notApplicable)
        #expect(facts.outcome(of: "I10") == .notApplicable)
        #expect(Fixture.definition.evaluate(facts).overall == .eligible)
    }
}
