/// Everything the rules may look at for one subject, as of one screening date.
public struct SubjectFacts: Sendable, Hashable {
    /// The screening date all windows and ages are measured to (site civil date).
    public var screeningDate: LocalDate
    /// The date of birth, if recorded.
    public var dateOfBirth: LocalDate?
    /// The seq of the entry that recorded `dateOfBirth` (cited as evidence).
    public var dateOfBirthSourceSeq: Int64?
    /// Sex, if recorded.
    public var sex: Sex?
    /// The seq of the entry that recorded `sex` (cited as evidence).
    public var sexSourceSeq: Int64?
    /// The current consent; nil when none was recorded or it was withdrawn.
    public var consent: ConsentFact?
    /// The current observation per input id.
    public var observations: [String: Observation]

    /// Creates the facts.
    public init(
        screeningDate: LocalDate, dateOfBirth: LocalDate? = nil, dateOfBirthSourceSeq: Int64? = nil,
        sex: Sex? = nil, sexSourceSeq: Int64? = nil, consent: ConsentFact? = nil,
        observations: [String: Observation] = [:]
    ) {
        self.screeningDate = screeningDate
        self.dateOfBirth = dateOfBirth
        self.dateOfBirthSourceSeq = dateOfBirthSourceSeq
        self.sex = sex
        self.sexSourceSeq = sexSourceSeq
        self.consent = consent
        self.observations = observations
    }
}
