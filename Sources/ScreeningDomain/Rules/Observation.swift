/// One recorded value for a protocol input, as the current state of a subject holds it.
///
/// Who recorded or attested it, and when, lives in the log entry `sourceSeq` points to.
public struct Observation: Sendable, Hashable {
    /// The `InputDefinition.id` this value is for.
    public var input: String
    /// The value.
    public var value: ObservationValue
    /// The unit of `value` (and of `uln`), spelled as the input definition lists it; nil when unitless.
    public var unit: String?
    /// The reporting laboratory's own upper limit of normal, in `unit` (lab inputs only).
    public var uln: DecimalValue?
    /// The date the value was observed or the sample taken (site civil date).
    public var observedOn: LocalDate?
    /// How the value was obtained, when the input lists methods
    /// (creatinine clearance: `measured-24h-urine` or `cockcroft-gault`).
    public var method: String?
    /// The inputs the method used (Cockcroft-Gault: `ageYears`, `weightKg`, `serumCreatinine`,
    /// `serumCreatinineUnit`, `sex`).
    public var inputs: [String: ObservationValue]?
    /// The seq of the log entry this value came from (cited as evidence).
    public var sourceSeq: Int64

    /// Creates an observation.
    public init(
        input: String, value: ObservationValue, unit: String? = nil, uln: DecimalValue? = nil,
        observedOn: LocalDate? = nil, method: String? = nil, inputs: [String: ObservationValue]? = nil,
        sourceSeq: Int64
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
}
