/// What rules read while evaluating one protocol version for one subject.
struct EvaluationContext {
    let definition: ProtocolDefinition
    let facts: SubjectFacts

    /// The current observation for `input`, if recorded and valid under this protocol version.
    ///
    /// An observation that this version rejects (say, a unit an amendment no longer allows) is
    /// treated as not recorded, so the criterion shows it as missing rather than using it.
    func observation(_ input: String) -> Observation? {
        guard let observation = facts.observations[input],
            definition.validate(observation, screeningDate: facts.screeningDate) == nil
        else { return nil }
        return observation
    }

    /// Age in whole years on the screening date; nil without a date of birth or if it is after screening.
    ///
    /// The N-th birthday is the date of birth plus N years (29 February becomes 28 February in a
    /// common year), and on that day the subject is N.
    var ageOnScreeningDate: Int? {
        guard let birth = facts.dateOfBirth, birth <= facts.screeningDate else { return nil }
        var years = facts.screeningDate.year - birth.year
        if birth.adding(years: years) > facts.screeningDate { years -= 1 }
        return years
    }
}
