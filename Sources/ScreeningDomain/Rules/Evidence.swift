/// One fact a rule used, as shown to the investigator: the input, its value and where it came from.
public struct Evidence: Sendable, Hashable {
    /// The input id, or a subject fact: `dateOfBirth`, `age` (derived), `sex`, `consent`.
    public var input: String
    /// The value used.
    public var value: ObservationValue
    /// The unit of `value` and `uln`, when it has one.
    public var unit: String?
    /// The laboratory's upper limit of normal, for lab inputs.
    public var uln: DecimalValue?
    /// The date the value was observed.
    public var observedOn: LocalDate?
    /// The method that produced the value, or how a derived value was computed.
    public var method: String?
    /// The inputs of the method (Cockcroft-Gault's age, weight, creatinine, sex).
    public var inputs: [String: ObservationValue]?
    /// The seq of the log entry the value came from; nil for values derived in the evaluation.
    public var sourceSeq: Int64?

    /// Creates evidence.
    public init(
        input: String, value: ObservationValue, unit: String? = nil, uln: DecimalValue? = nil,
        observedOn: LocalDate? = nil, method: String? = nil, inputs: [String: ObservationValue]? = nil,
        sourceSeq: Int64?
    ) {
        self.input = input
        self.value = value
        self.unit = unit
        self.uln = uln
        self.observedOn = observedOn
        self.method = method
        self.inputs = inputs
        self.sourceSeq = sourceSeq
    }

    /// The evidence an observation provides.
    public init(_ observation: Observation) {
        self.init(
            input: observation.input, value: observation.value, unit: observation.unit, uln: observation.uln,
            observedOn: observation.observedOn, method: observation.method, inputs: observation.inputs,
            sourceSeq: observation.sourceSeq)
    }
}
