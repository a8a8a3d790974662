import EventLog

/// The assessments of an eligible CD7+ ALL subject, as source documents would give them.
enum DemoFindings {
    struct Finding {
        var input: String
        var body: [String: JSONValue]
        /// Clinical judgement: an investigator attests it.
        var attested: Bool
    }

    static func yes(_ answer: Bool) -> JSONValue { ["yesNo": .bool(answer)] }

    static func workUp(sex: String, day: Int) -> [Finding] {
        let on = JSONValue.string(DemoScript.date(day))
        func lab(_ input: String, _ value: String, _ unit: String, uln: String, source: String) -> Finding {
            Finding(input: input, body: ["value": ["number": .string(value)], "unit": .string(unit), "uln": .string(uln),
                                         "observedOn": on, "sourceDocument": .string(source)], attested: false)
        }
        func answer(_ input: String, _ value: Bool, attested: Bool, source: String = "screening visit note") -> Finding {
            Finding(input: input, body: ["value": yes(value), "observedOn": on, "sourceDocument": .string(source)], attested: attested)
        }
        func code(_ input: String, _ value: String, source: String) -> Finding {
            Finding(input: input, body: ["value": ["code": .string(value)], "observedOn": on, "sourceDocument": .string(source)], attested: false)
        }
        var findings: [Finding] = [
            code("diagnosis", "cd7_positive_all", source: "flow cytometry report"),
            answer("rr_no_cr_after_standard_chemotherapy", true, attested: true, source: "treatment history"),
            code("ph_status", "negative", source: "cytogenetics report"),
            Finding(input: "ecog", body: ["value": ["number": "1"], "observedOn": on, "sourceDocument": "screening visit note"], attested: false),
            answer("survival_over_12_weeks", true, attested: true),
            answer("lung_function_normal", true, attested: true, source: "pulmonary function test"),
            Finding(input: "spo2", body: ["value": ["number": "97"], "unit": "%", "observedOn": on, "sourceDocument": "vital signs sheet"], attested: false),
            answer("spo2_without_oxygen", true, attested: false, source: "vital signs sheet"),
            lab("ast", "32", "U/L", uln: "40", source: "biochemistry panel"),
            lab("alt", "28", "U/L", uln: "40", source: "biochemistry panel"),
            lab("total_bilirubin", "14.2", "umol/L", uln: "21", source: "biochemistry panel"),
            Finding(input: "creatinine_clearance", body: ["value": ["number": "88"], "unit": "mL/min", "method": "measured-24h-urine",
                                                          "observedOn": on, "sourceDocument": "24-hour urine collection"], attested: false),
            lab("lipase", "45", "U/L", uln: "60", source: "biochemistry panel"),
            lab("amylase", "70", "U/L", uln: "100", source: "biochemistry panel"),
            answer("contraception_agreed", true, attested: false, source: "consent discussion note"),
            answer("cns_disease_history", false, attested: true),
            answer("pregnant_or_breastfeeding", false, attested: true),
            answer("active_uncured_infection", false, attested: true),
            answer("qt_prolongation_or_severe_heart_disease", false, attested: true, source: "ECG and echocardiogram"),
            answer("study_drug_hypersensitivity", false, attested: true),
            answer("prior_anticancer_or_drug_treatment", true, attested: false, source: "medication history"),
            Finding(input: "last_anticancer_or_drug_treatment_date", body: ["value": ["date": "2026-10-05"],
                                                                            "sourceDocument": "medication history"], attested: false),
            answer("prior_malignancy_within_5_years", false, attested: true),
            answer("significant_cns_lesions", false, attested: true, source: "brain MRI report"),
            answer("autoimmune_organ_damage_or_immunosuppression_2_years", false, attested: true),
            answer("severe_active_infection", false, attested: true),
            answer("bleeding_or_thrombosis_risk", false, attested: true),
            answer("prior_asct", false, attested: false, source: "treatment history"),
            answer("asct_planned", false, attested: true),
            answer("other_trial_participation", false, attested: false, source: "medication history"),
            answer("investigator_risk_concern", false, attested: true),
        ]
        if sex == "female" {
            findings.append(code("menopausal_status", "premenopausal", source: "gynaecological history"))
            findings.append(code("serum_pregnancy_test", "negative", source: "serum beta-hCG report"))
        } else {
            findings.append(answer("fertile_male", true, attested: true))
        }
        return findings
    }
}
