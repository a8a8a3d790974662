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

    static let keys: Set<String> = [
        "input", "value", "unit", "uln", "observedOn", "method", "methodInputs", "sourceDocument",
    ]

    /// Decodes the finding fields of an assessment payload in one pass over its members (the
    /// fold's hot path: no hashing per field), plus `supersedes` when `withSupersedes`.
    static func decode(
        _ data: [String: JSONValue], eventType: String, withSupersedes: Bool
    ) throws(DomainError) -> (finding: AssessmentFinding, supersedes: Int64?) {
        func malformed(_ key: String, _ problem: String) -> DomainError {
            DomainError(code: "event.malformed", field: key, reason: "A \(eventType) event \(problem).")
        }
        func text(_ key: String, _ value: JSONValue) throws(DomainError) -> String? {
            switch value {
            case .string(let text): return text
            case .null: return nil
            default: throw malformed(key, "has a field that is not a string")
            }
        }
        var input: String?
        var value: ObservationValue?
        var unit: String?
        var uln: DecimalValue?
        var observedOn: LocalDate?
        var method: String?
        var methodInputs: [String: ObservationValue]?
        var sourceDocument: String?
        var supersedes: Int64?
        var schema: JSONValue?
        for (key, member) in data {
            switch key {
            case "input": input = try text(key, member)
            case "value": value = try ObservationValueCoding.value(member, field: key, eventType: eventType)
            case "unit": unit = try text(key, member)
            case "uln":
                if let number = try text(key, member) {
                    guard let parsed = DecimalValue.parsing(number) else {
                        throw malformed(key, "has a decimal not in plain decimal form")
                    }
                    uln = parsed
                }
            case "observedOn":
                if let date = try text(key, member) {
                    guard let parsed = LocalDate(iso: date) else {
                        throw malformed(key, "has a date not in YYYY-MM-DD form")
                    }
                    observedOn = parsed
                }
            case "method": method = try text(key, member)
            case "methodInputs":
                guard member != .null else { continue }
                guard case .object(let named) = member else {
                    throw malformed(key, "has method inputs that are not an object")
                }
                var decoded: [String: ObservationValue] = [:]
                for (name, json) in named {
                    decoded[name] = try ObservationValueCoding.value(
                        json, field: "methodInputs." + name, eventType: eventType)
                }
                methodInputs = decoded
            case "sourceDocument": sourceDocument = try text(key, member)
            case "supersedes" where withSupersedes:
                guard case .integer(let seq) = member else { throw malformed(key, "lacks an integer field") }
                supersedes = seq
            case EventSchema.key: schema = member
            default: throw malformed(key, "has a field its schema does not define")
            }
        }
        try EventSchema.check(schema, eventType: eventType)
        guard let input else { throw malformed("input", "lacks a required field") }
        guard let value else { throw malformed("value", "lacks a required field") }
        if withSupersedes && supersedes == nil { throw malformed("supersedes", "lacks an integer field") }
        let finding = AssessmentFinding(
            input: input, value: value, unit: unit, uln: uln, observedOn: observedOn, method: method,
            methodInputs: methodInputs, sourceDocument: sourceDocument)
        return (finding, supersedes)
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
