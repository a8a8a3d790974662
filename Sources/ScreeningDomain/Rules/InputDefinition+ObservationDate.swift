extension InputDefinition {
    /// Checks the observation or sample date of a value being recorded against the screening date
    /// (site-local civil dates); nil when it is acceptable.
    ///
    /// Lab and number inputs, and any input with a staleness limit, need `observedOn`
    /// (`observed_on.required`). An input describing the subject's state at screening refuses an
    /// observation dated more than `maxDaysBeforeScreening` days before the screening date
    /// (`observed_on.stale`): such a value no longer says how the subject is now. Dates of past
    /// events are the value itself and never go stale. Reasons state the rule, never the date.
    func validateObservationDate(_ observedOn: LocalDate?, screeningDate: LocalDate) -> DomainError? {
        guard let observedOn else {
            guard !requiresObservedOn else {
                return DomainError(
                    code: "observed_on.required", field: "observedOn",
                    reason: "The input needs observedOn, the date the value was observed or the sample taken.")
            }
            return nil
        }
        if let limit = maxDaysBeforeScreening, observedOn < screeningDate.adding(days: -limit) {
            return DomainError(
                code: "observed_on.stale", field: "observedOn",
                reason: "The observation must be dated at most \(limit) days before the screening date; "
                    + "record a current value.")
        }
        return nil
    }
}
