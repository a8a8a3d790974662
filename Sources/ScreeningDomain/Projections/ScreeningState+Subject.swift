public import EventLog

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

    /// Folds one subject's entries with protocol versions already decoded, interleaved by seq:
    /// the same state as folding the log's protocol registrations and those entries, without
    /// decoding each registration's definition again (the largest payload in the log).
    ///
    /// `protocols` must come from a state that folded the same log (in seq order); only those
    /// with seq <= `through` are brought into force. `entries` are the subject's, in log order,
    /// none of them a protocol registration.
    public static func replay(
        subjectEntries entries: [LogEntry], protocols: [RegisteredProtocol], through: Int64, site: SiteCalendar
    ) throws(DomainError) -> ScreeningState {
        var state = ScreeningState(site: site)
        var pending = protocols.filter { $0.seq <= through }[...]
        func registerNext() {
            let registered = pending.removeFirst()
            state.register(registered)
            (state.lastSeq, state.lastAt) = (registered.seq, registered.at)
        }
        for entry in entries where entry.seq <= through {
            while let next = pending.first, next.seq < entry.seq { registerNext() }
            try state.apply(entry)
        }
        while !pending.isEmpty { registerNext() }
        return state
    }

    /// Adds the record of a subject folded elsewhere (``replay(subjectEntries:protocols:through:site:)``
    /// over the same log), for an application that folds subjects one at a time. Replaces any
    /// record under the same number; appends it to ``registrationOrder`` (see
    /// ``orderRegistrations()``).
    public mutating func adopt(_ record: SubjectRecord) {
        if subjects.updateValue(record, forKey: record.screeningNumber) == nil {
            registrationOrder.append(record.screeningNumber)
        }
    }

    /// Puts ``registrationOrder`` back in log order (by registration seq) after subjects were
    /// adopted in another order.
    public mutating func orderRegistrations() {
        let seqs = subjects.mapValues(\.registeredSeq)
        registrationOrder.sort { (seqs[$0] ?? .max) < (seqs[$1] ?? .max) }
    }
}
