/// The Cockcroft-Gault creatinine clearance estimate, in mL/min:
/// (140 - age) x weight kg / (72 x serum creatinine mg/dL), x 0.85 for women.
///
/// Serum creatinine in umol/L is converted with umol/L / 88.4 = mg/dL. Arithmetic is exact
/// decimal (division to 38 significant digits); nothing is rounded until the caller asks.
public enum CockcroftGault {
    /// The method name observations use for this estimate.
    public static let method = "cockcroft-gault"
    /// The largest difference allowed between a recorded estimate and the formula: 0.05 mL/min,
    /// so a value recorded to 0.1 mL/min must equal the formula rounded to 0.1 mL/min.
    public static let tolerance = DecimalValue("0.05")!
    /// Names of the method inputs an observation carries.
    public enum Input {
        /// Age in whole years, a number.
        public static let ageYears = "ageYears"
        /// Body weight in kg, a number.
        public static let weightKg = "weightKg"
        /// Serum creatinine, a number in `serumCreatinineUnit`.
        public static let serumCreatinine = "serumCreatinine"
        /// `mg/dL` or `umol/L`, a code.
        public static let serumCreatinineUnit = "serumCreatinineUnit"
        /// `male` or `female`, a code.
        public static let sex = "sex"
    }

    /// The estimate in mL/min, unrounded; nil if the creatinine unit is unknown or a value is not positive.
    public static func estimate(
        ageYears: DecimalValue, weightKg: DecimalValue, serumCreatinine: DecimalValue, creatinineUnit: String, sex: Sex
    ) -> DecimalValue? {
        let zero = DecimalValue(0)
        guard weightKg > zero, serumCreatinine > zero, ageYears < DecimalValue(140) else { return nil }
        let milligramsPerDeciliter: DecimalValue
        switch creatinineUnit {
        case "mg/dL": milligramsPerDeciliter = serumCreatinine
        case "umol/L": milligramsPerDeciliter = serumCreatinine / DecimalValue("88.4")!
        default: return nil
        }
        var estimate = (DecimalValue(140) - ageYears) * weightKg / (DecimalValue(72) * milligramsPerDeciliter)
        if sex == .female { estimate = estimate * DecimalValue("0.85")! }
        return estimate
    }

    /// Checks the method inputs of a Cockcroft-Gault observation and that `value` matches the
    /// formula within `tolerance`.
    static func validate(value: DecimalValue, inputs: [String: ObservationValue]?) -> DomainError? {
        let inputs = inputs ?? [:]
        func number(_ key: String) -> DecimalValue? {
            if case .number(let value)? = inputs[key] { return value }
            return nil
        }
        func code(_ key: String) -> String? {
            if case .code(let value)? = inputs[key] { return value }
            return nil
        }
        func invalid(_ key: String, _ reason: String) -> DomainError {
            DomainError(
                code: inputs[key] == nil ? "inputs.missing" : "inputs.invalid", field: "inputs.\(key)", reason: reason)
        }
        guard let age = number(Input.ageYears), age.isInteger, !age.isNegative, age < DecimalValue(140) else {
            return invalid(Input.ageYears, "Cockcroft-Gault needs the age as a whole number of years from 0 to 139.")
        }
        guard let weight = number(Input.weightKg), weight > DecimalValue(0), weight <= DecimalValue(500) else {
            return invalid(Input.weightKg, "Cockcroft-Gault needs the body weight in kg, above 0 and at most 500.")
        }
        guard let creatinine = number(Input.serumCreatinine), creatinine > DecimalValue(0) else {
            return invalid(Input.serumCreatinine, "Cockcroft-Gault needs the serum creatinine, above 0.")
        }
        guard let unit = code(Input.serumCreatinineUnit), unit == "mg/dL" || unit == "umol/L" else {
            return invalid(Input.serumCreatinineUnit, "The serum creatinine unit must be mg/dL or umol/L.")
        }
        guard let sexCode = code(Input.sex), let sex = Sex(rawValue: sexCode) else {
            return invalid(Input.sex, "Cockcroft-Gault needs the sex, male or female.")
        }
        let known: Set<String> = [
            Input.ageYears, Input.weightKg, Input.serumCreatinine, Input.serumCreatinineUnit, Input.sex,
        ]
        if let extra = inputs.keys.filter({ !known.contains($0) }).sorted().first {
            return DomainError(
                code: "inputs.unexpected", field: "inputs.\(extra)", reason: "Cockcroft-Gault takes only \(known.sorted().joined(separator: ", ")).")
        }
        guard
            let estimate = estimate(
                ageYears: age, weightKg: weight, serumCreatinine: creatinine, creatinineUnit: unit, sex: sex)
        else {
            return invalid(Input.serumCreatinine, "Cockcroft-Gault needs inputs the formula can use.")
        }
        guard (value - estimate).magnitude <= tolerance else {
            // The formula's result is computed from the recorded inputs, so naming it helps without
            // repeating anything the caller sent.
            return DomainError(
                code: "value.formula_mismatch", field: "value",
                reason: "The recorded clearance must match the Cockcroft-Gault formula within 0.05 mL/min; "
                    + "from the recorded inputs it gives \(estimate.rounded(places: 1)) mL/min.")
        }
        return nil
    }
}
