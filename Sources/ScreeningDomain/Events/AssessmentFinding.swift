import EventLog

/// What one assessment states: a value for one protocol input, with what makes it checkable
/// against the source (unit, the lab's own ULN, sample date, method, source document).
///
/// The same fields are stored by `assessment.recorded` and `assessment.corrected`.
public struct AssessmentFinding: Sendable, Hashable {
    /// The protocol input it answers (an `InputDefinition.id`).
    public var input: String
    /// The value: a number, a code, a yes/no answer (attestations) or a date.
    public var value: ObservationValue
    /// The unit of a numeric value as written by the source, e.g. `U/L`, `%`, `mL/min`.
    public var unit: String?
    /// The upper limit of normal the lab used for this value, in the same unit.
    public var uln: DecimalValue?
    /// The date observed; for labs, the sample date (site-local civil date).
    public var observedOn: LocalDate?
    /// How the value was obtained when the protocol allows several ways, e.g. `cockcroft-gault`.
    public var method: String?
    /// The inputs of `method`, e.g. weight and serum creatinine for an estimated clearance.
    public var methodInputs: [String: ObservationValue]?
    /// Where the value can be checked: a source document reference (report id, page). Never a name.
    public var sourceDocument: String?

    /// Creates a finding.
    public init(
        input: String, value: ObservationValue, unit: String? = nil, uln: DecimalValue? = nil,
        observedOn: LocalDate? = nil, method: String? = nil, methodInputs: [String: ObservationValue]? = nil,
        sourceDocument: String? = nil
    ) {
        self.input = input
        self.value = value
        self.unit = unit
        self.uln = uln
        self.observedOn = observedOn
        self.method = method
        self.methodInputs = methodInputs
        self.sourceDocument = sourceDocument
    }

    /// The finding as an observation the rules evaluate, citing the log entry it came from.
    public func observation(sourceSeq: Int64) -> Observation {
        Observation(
            input: input, value: value, unit: unit, uln: uln, observedOn: observedOn, method: method,
            inputs: methodInputs, sourceSeq: sourceSeq)
    }

    static let keys: Set<String> = ["input", "value", "unit", "uln", "observedOn", "method", "methodInputs", "sourceDocument"]

    init(reading reader: PayloadReader) throws(DomainError) {
        input = try reader.string("input")
        guard let valueJSON = reader.data["value"] else { throw reader.malformed("value", "lacks a required field") }
        value = try ObservationValueCoding.value(valueJSON, field: "value", eventType: reader.eventType)
        unit = try reader.optionalString("unit")
        uln = try reader.optionalDecimal("uln")
        observedOn = try reader.optionalDate("observedOn")
        method = try reader.optionalString("method")
        if let members = reader.data["methodInputs"], members != .null {
            guard case .object(let named) = members else { throw reader.malformed("methodInputs", "has method inputs that are not an object") }
            var decoded: [String: ObservationValue] = [:]
            for (name, json) in named {
                decoded[name] = try ObservationValueCoding.value(json, field: "methodInputs." + name, eventType: reader.eventType)
            }
            methodInputs = decoded
        } else {
            methodInputs = nil
        }
        sourceDocument = try reader.optionalString("sourceDocument")
    }

    func write(into data: inout [String: JSONValue]) {
        data["input"] = .string(input)
        data["value"] = value.jsonValue
        if let unit { data["unit"] = .string(unit) }
        if let uln { data["uln"] = .string(uln.description) }
        if let observedOn { data["observedOn"] = .string(observedOn.iso) }
        if let method { data["method"] = .string(method) }
        if let methodInputs { data["methodInputs"] = .object(methodInputs.mapValues(\.jsonValue)) }
        if let sourceDocument { data["sourceDocument"] = .string(sourceDocument) }
    }
}
