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
            lastSeq = try logReader.lastSeq(atOrBefore: instant)
        } catch {
            throw Self.storeError(error, action: "read the log")
        }
        return ReplayPoint(requested: asOf, instant: instant, lastSeq: lastSeq ?? -1)
    }

    /// The current state, or the state folded from every entry with `at` <= `asOf`.
    func snapshot(asOf: String?) throws(AppError) -> Snapshot {
        guard let asOf else { return Snapshot(state: state.withLock { $0.screening }, point: nil) }
        let point = try replayPoint(asOf)
        var replayed = ScreeningState(site: configuration.site)
        if point.lastSeq >= 0 {
            do {
                try logReader.forEachEntry(from: 0, through: point.lastSeq) { entry in try replayed.apply(ApplicationEnvelope.domainEntry(entry)) }
            } catch {
                throw Self.storeError(error, action: "replay the log")
            }
        }
        return Snapshot(state: replayed, point: point)
    }

    /// The state of one subject as of `asOf`: only the protocol registrations and the subject's
    /// own entries up to the replay point are folded (the subject's state depends on no others).
    func subjectSnapshot(_ number: String, asOf: String?) throws(AppError) -> Snapshot {
        guard let asOf else { return try snapshot(asOf: nil) }
        let point = try replayPoint(asOf)
        var replayed = ScreeningState(site: configuration.site)
        guard point.lastSeq >= 0 else { return Snapshot(state: replayed, point: point) }
        do {
            for entry in try entries(about: number, through: point.lastSeq) {
                try replayed.apply(ApplicationEnvelope.domainEntry(entry))
            }
        } catch let error as AppError {
            throw error
        } catch {
            throw .unavailable("log.unreadable", "the log cannot be replayed: \(error)")
        }
        return Snapshot(state: replayed, point: point)
    }

    /// The protocol registrations and the entries about `subject` with seq <= `through`, in log
    /// order, read by seq through the in-memory index (no scan of the whole log).
    func entries(about subject: String, through: Int64) throws(AppError) -> [LogEntry] {
        // Entries a batch in flight has staged are not durable yet; read only the acknowledged log.
        let acknowledged = ((try? logReader.acknowledgedSize()) ?? Int64.max) - 1
        let limit = min(through, acknowledged)
        let seqs = state.withLock { state in
            (state.screening.protocols.map(\.seq) + (state.subjectSeqs[subject] ?? [])).filter { $0 <= limit }.sorted()
        }
        var entries: [LogEntry] = []
        entries.reserveCapacity(seqs.count)
        do {
            var index = 0
            while index < seqs.count {
                // Read runs of consecutive seqs with one cursor.
                var end = index
                while end + 1 < seqs.count, seqs[end + 1] == seqs[end] + 1 { end += 1 }
                entries += try logReader.entries(from: seqs[index], through: seqs[end]).collect()
                index = end + 1
            }
        } catch {
            throw Self.storeError(error, action: "read the log")
        }
        return entries
    }
}
