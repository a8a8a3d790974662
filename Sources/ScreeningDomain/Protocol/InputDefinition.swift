/// One thing the screening team records, with what makes a recorded value valid.
public struct InputDefinition: Sendable, Hashable {
    /// Stable id the rules and observations use (`ast`, `ecog`, `anticancer_last_dose_date`).
    public var id: String
    /// Human label for forms.
    public var label: String
    /// The kind of value.
    public var kind: InputKind
    /// Allowed units (number and lab inputs); nil or empty for unitless numbers (ECOG).
    public var units: [String]?
    /// Smallest allowed value, inclusive (number inputs; lab inputs are always >= 0).
    public var minimum: DecimalValue?
    /// Largest allowed value, inclusive.
    public var maximum: DecimalValue?
    /// True when only whole numbers are allowed (ECOG grade).
    public var integer: Bool?
    /// Allowed codes (code inputs).
    public var codes: [String]?
    /// Allowed methods; when present the observation must name one (creatinine clearance).
    public var methods: [String]?
    /// The role that must attest this answer (`investigator`) when it needs clinical judgement.
    public var attestedBy: String?
    /// True when the date cannot be after the screening date (past events, date of menopause).
    public var notAfterScreening: Bool?
    /// For an input describing the subject's state at screening (labs, ECOG, SpO2, clearance, the
    /// screening pregnancy test): the most days its `observedOn` may lie before the screening date.
    /// Nil for values that do not go stale (answers, dates of past events).
    public var maxDaysBeforeScreening: Int?
    /// Explanation for the form and the reviewer.
    public var note: String?

    /// Creates an input definition.
    public init(
        id: String, label: String, kind: InputKind, units: [String]? = nil, minimum: DecimalValue? = nil,
        maximum: DecimalValue? = nil, integer: Bool? = nil, codes: [String]? = nil, methods: [String]? = nil,
        attestedBy: String? = nil, notAfterScreening: Bool? = nil, maxDaysBeforeScreening: Int? = nil,
        note: String? = nil
    ) {
        self.id = id
        self.label = label
        self.kind = kind
        self.units = units
        self.minimum = minimum
        self.maximum = maximum
        self.integer = integer
        self.codes = codes
        self.methods = methods
        self.attestedBy = attestedBy
        self.notAfterScreening = notAfterScreening
        self.maxDaysBeforeScreening = maxDaysBeforeScreening
        self.note = note
    }

    /// True when a value must be attested by a named role rather than simply recorded.
    public var isAttestation: Bool { attestedBy != nil }

    /// True when a recorded value must carry its observation or sample date (`observedOn`): lab and
    /// number inputs, and any input with a staleness limit.
    public var requiresObservedOn: Bool { kind == .lab || kind == .number || maxDaysBeforeScreening != nil }
}
