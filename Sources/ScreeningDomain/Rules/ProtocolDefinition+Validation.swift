extension ProtocolDefinition {
    /// Checks one observation against its input definition; nil when it is acceptable.
    ///
    /// Rejects unknown inputs (`input.unknown`), values of the wrong type (`value.wrong_type`),
    /// impossible values (`value.out_of_range`, `value.not_integer`, `value.invalid_code`),
    /// units the input does not allow (`unit.required`, `unit.invalid`, `unit.unexpected`),
    /// missing or non-positive ULNs (`uln.required`, `uln.out_of_range`, `uln.unexpected`),
    /// methods (`method.required`, `method.invalid`, `method.unexpected`), Cockcroft-Gault inputs
    /// (`inputs.missing`, `inputs.invalid`, `inputs.unexpected`, `value.formula_mismatch`) and, when
    /// `screeningDate` is given, past-event dates after it (`value.after_screening`).
    /// The error's `field` names the offending field: `input`, `value`, `unit`, `uln`, `method`, `inputs.<name>`.
    public func validate(_ observation: Observation, screeningDate: LocalDate? = nil) -> DomainError? {
        guard let definition = input(observation.input) else {
            return DomainError(
                code: "input.unknown", field: "input", reason: "The input must be one this protocol version defines.")
        }
        return definition.validate(observation, screeningDate: screeningDate)
    }
}

extension InputDefinition {
    func validate(_ observation: Observation, screeningDate: LocalDate?) -> DomainError? {
        let wrongType = DomainError(
            code: "value.wrong_type", field: "value",
            reason: "The value must be a \(kind.rawValue); a \(observation.value.kindName) was given.")
        switch (kind, observation.value) {
        case (.number, .number(let value)), (.lab, .number(let value)):
            if let error = validateUnitAndRange(value, observation) { return error }
        case (.code, .code(let code)):
            guard (codes ?? []).contains(code) else {
                return DomainError(
                    code: "value.invalid_code", field: "value", reason: "The code must be one the input allows: \((codes ?? []).joined(separator: ", ")).")
            }
        case (.yesNo, .yesNo):
            break
        case (.date, .date(let date)):
            if notAfterScreening == true, let screeningDate, date > screeningDate {
                return DomainError(
                    code: "value.after_screening", field: "value", reason: "The date must not be after the screening date.")
            }
        default:
            return wrongType
        }
        if kind != .number && kind != .lab {
            if observation.unit != nil {
                return DomainError(code: "unit.unexpected", field: "unit", reason: "The input is unitless; the unit must be left out.")
            }
            if observation.uln != nil {
                return DomainError(code: "uln.unexpected", field: "uln", reason: "Only lab inputs carry a ULN; it must be left out.")
            }
        }
        return validateMethod(observation)
    }

    private func validateUnitAndRange(_ value: DecimalValue, _ observation: Observation) -> DomainError? {
        let allowedUnits = units ?? []
        if allowedUnits.isEmpty {
            if observation.unit != nil {
                return DomainError(code: "unit.unexpected", field: "unit", reason: "The input is unitless; the unit must be left out.")
            }
        } else {
            guard let unit = observation.unit else {
                return DomainError(code: "unit.required", field: "unit", reason: "The value must carry its unit, one of: \(allowedUnits.joined(separator: ", ")).")
            }
            guard allowedUnits.contains(unit) else {
                return DomainError(code: "unit.invalid", field: "unit", reason: "The unit must be one the input allows: \(allowedUnits.joined(separator: ", ")).")
            }
        }
        if kind == .lab {
            guard let uln = observation.uln else {
                return DomainError(
                    code: "uln.required", field: "uln", reason: "A lab value must carry the lab's ULN, in the same unit.")
            }
            guard uln > DecimalValue(0) else {
                return DomainError(code: "uln.out_of_range", field: "uln", reason: "The ULN must be greater than zero.")
            }
            guard !value.isNegative else {
                return DomainError(code: "value.out_of_range", field: "value", reason: "A lab value must not be negative.")
            }
        } else if observation.uln != nil {
            return DomainError(code: "uln.unexpected", field: "uln", reason: "Only lab inputs carry a ULN; it must be left out.")
        }
        if integer == true, !value.isInteger {
            return DomainError(code: "value.not_integer", field: "value", reason: "The value must be a whole number.")
        }
        if let minimum, value < minimum {
            return DomainError(
                code: "value.out_of_range", field: "value", reason: "The value must be at least the input's minimum, \(minimum)."
            )
        }
        if let maximum, value > maximum {
            return DomainError(
                code: "value.out_of_range", field: "value", reason: "The value must be at most the input's maximum, \(maximum)."
            )
        }
        return nil
    }

    private func validateMethod(_ observation: Observation) -> DomainError? {
        guard let methods else {
            if observation.method != nil {
                return DomainError(code: "method.unexpected", field: "method", reason: "The input has no methods; method must be left out.")
            }
            if observation.inputs != nil {
                return DomainError(code: "inputs.unexpected", field: "inputs", reason: "The input has no methods; method inputs must be left out.")
            }
            return nil
        }
        guard let method = observation.method else {
            return DomainError(
                code: "method.required", field: "method", reason: "The value must name the method that produced it, one of: \(methods.joined(separator: ", ")).")
        }
        guard methods.contains(method) else {
            return DomainError(
                code: "method.invalid", field: "method", reason: "The method must be one the input allows: \(methods.joined(separator: ", ")).")
        }
        if method == CockcroftGault.method, case .number(let value) = observation.value {
            return CockcroftGault.validate(value: value, inputs: observation.inputs)
        }
        return nil
    }
}

extension ObservationValue {
    /// The kind of value given, as input kinds name it (never the value itself).
    fileprivate var kindName: String {
        switch self {
        case .number: "number"
        case .code: "code"
        case .yesNo: "yesNo"
        case .date: "date"
        }
    }
}
