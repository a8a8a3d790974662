
extension ScreeningState {
    /// This state reduced to the protocol registrations and one subject: everything a view of
    /// that subject reads (a subject's state depends on no other subject).
    ///
    /// Small to copy, so a reader can take it under the service's lock and evaluate outside it
    /// without holding on to the whole subjects dictionary (which the next write would then
    /// have to copy). Nil if no subject is registered under `screeningNumber`.
    public func restricted(toSubject screeningNumber: String) -> ScreeningState? {
        guard let record = subjects[screeningNumber] else { return nil }
        var state = ScreeningState(site: site)
        state.protocols = protocols
        state.subjects = [screeningNumber: record]
        state.registrationOrder = [screeningNumber]
        state.lastSeq = lastSeq
        state.lastAt = lastAt
        return state
    }
}
