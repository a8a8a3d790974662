import EventLog
import ScreeningDomain

/// A screening state to answer a read from: the current one, or one replayed as of an instant.
struct Snapshot {
    var state: ScreeningState
    var point: ReplayPoint?
}

extension ScreeningService {
    /// The instant `asOf` names (a bare date = end of that day in the site's zone) and the last
    /// seq at or before it.
    func replayPoint(_ asOf: String) throws(AppError) -> ReplayPoint {
        let instant: Timestamp
        do {
            instant = try AsOf.parse(asOf, site: configuration.site)
        } catch {
            throw .malformed(error.code, field: "asOf", error.reason)
        }
        let lastSeq: Int64?
        do {
            // The index answers from memory; the bisecting reader is the fallback.
            let acknowledged = try logReader.acknowledgedSize()
            // Searched under the lock: a copy of the index would make the next append copy it whole.
            let indexed = state.withLock { state -> Int64?? in
                guard state.index.isUsable, state.index.count >= acknowledged else { return nil }
                return .some(state.index.lastSeq(atOrBefore: instant, below: acknowledged))
            }
            lastSeq = try indexed ?? logReader.lastSeq(atOrBefore: instant)
        } catch {
            throw Self.storeError(error, action: "read the log")
        }
        return ReplayPoint(requested: asOf, instant: instant, lastSeq: lastSeq ?? -1)
    }

    /// The current state, or the state folded from every entry with `at` <= `asOf`.
    func snapshot(asOf: String?) throws(AppError) -> Snapshot {
        guard let asOf else {
            try loadAllSubjects()
            return Snapshot(state: state.withLock { $0.screening }, point: nil)
        }
        let point = try replayPoint(asOf)
        guard point.lastSeq >= 0 else { return Snapshot(state: ScreeningState(site: configuration.site), point: point) }
        return Snapshot(state: try ProjectionRebuild.fold(logReader, through: point.lastSeq, site: configuration.site), point: point)
    }

    /// The state of one subject as of `asOf`: only the protocol registrations and the subject's
    /// own entries up to the replay point are folded (the subject's state depends on no others).
    func subjectSnapshot(_ number: String, asOf: String?) throws(AppError) -> Snapshot {
        guard let asOf else {
            try loadSubject(number)
            // Only what the subject's view reads, so the lock's state stays unshared.
            let state = state.withLock { $0.screening.restricted(toSubject: number) }
            return Snapshot(state: state ?? ScreeningState(site: configuration.site), point: nil)
        }
        let point = try replayPoint(asOf)
        guard point.lastSeq >= 0 else { return Snapshot(state: ScreeningState(site: configuration.site), point: point) }
        // The protocol versions come decoded from the current state; only the subject's own
        // entries are read and decoded.
        let protocols = state.withLock { $0.screening.protocols }
        let replayed: ScreeningState
        do {
            let entries = try entries(about: number, through: point.lastSeq, withProtocols: false)
            replayed = try ScreeningState.replay(
                subjectEntries: entries.map(ApplicationEnvelope.domainEntry), protocols: protocols,
                through: point.lastSeq, site: configuration.site)
        } catch let error as AppError {
            throw error
        } catch {
            throw .unavailable("log.unreadable", "the log cannot be replayed: \(error)")
        }
        return Snapshot(state: replayed, point: point)
    }

    /// The protocol registrations (unless `withProtocols` is false) and the entries about
    /// `subject` with seq <= `through`, in log order, read by seq through the in-memory index
    /// (no scan of the whole log).
    func entries(about subject: String, through: Int64, withProtocols: Bool = true) throws(AppError) -> [LogEntry] {
        // Entries a batch in flight has staged are not durable yet; read only the acknowledged log.
        let acknowledged = ((try? logReader.acknowledgedSize()) ?? Int64.max) - 1
        let limit = min(through, acknowledged)
        let seqs = state.withLock { state in
            let protocolSeqs = withProtocols ? state.screening.protocols.map(\.seq) : []
            return (protocolSeqs + (state.subjectSeqs[subject] ?? [])).filter { $0 <= limit }.sorted()
        }
        return try entries(seqs: seqs)
    }

    /// The entries with these seqs (ascending, all written and folded), read through the index
    /// with one read per run of adjacent lines.
    func entries(seqs: [Int64]) throws(AppError) -> [LogEntry] {
        let locations = state.withLock { state in seqs.compactMap { state.index.location(of: $0) } }
        guard locations.count == seqs.count else {
            throw .unavailable("log.unreadable", "the entry index does not cover these entries; reopen the store")
        }
        do {
            let entries = try logReader.entries(at: locations)
            guard entries.map(\.seq) == seqs else {
                throw AppError.unavailable("log.unreadable", "the entry index does not match the log; reopen the store")
            }
            return entries
        } catch let error as AppError {
            throw error
        } catch {
            throw Self.storeError(error, action: "read the log")
        }
    }
}
