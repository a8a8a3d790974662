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
        let protocolSeqs = state.withLock { $0.screening.protocols.map(\.seq) }.filter { $0 <= point.lastSeq }
        do {
            var relevant: [LogEntry] = []
            for seq in protocolSeqs {
                relevant += try logReader.entries(from: seq, through: seq).collect()
            }
            var cursor = try logReader.entries(forSubject: number)
            while let entry = try cursor.next(), entry.seq <= point.lastSeq { relevant.append(entry) }
            for entry in relevant.sorted(by: { $0.seq < $1.seq }) { try replayed.apply(ApplicationEnvelope.domainEntry(entry)) }
        } catch {
            throw Self.storeError(error, action: "replay the log")
        }
        return Snapshot(state: replayed, point: point)
    }
}
