import EventLog
import ScreeningDomain

extension AppState {
    /// Folds one entry at open from its outline: the envelope goes into the index and the
    /// subject's seq list; the payload is parsed only for entries that are not about a subject
    /// (protocol versions, the log's own entries) or that are account entries. Keyed requests
    /// are left to a separate pass (`ScreeningService.foldLog`). A subject's screening entries are folded when the subject is
    /// first used (``ScreeningService/loadSubject(_:)``): open reads no screening payload.
    mutating func evolve(outline: EntryOutline) throws(AppError) {
        let (type, subject, at): (String, String?, Timestamp)
        do {
            (type, subject, at) = (try outline.type, try outline.subject, try outline.at)
        } catch {
            throw ScreeningService.storeError(error, action: "read the log")
        }
        guard let subject, ScreeningEvent.typeNames.contains(type) else {
            return try evolve(Self.entry(of: outline), at: outline.location)
        }
        index.append(seq: outline.seq, at: at, outline.location)
        lastSeq = outline.seq
        if screening.subjects[subject] == nil { unloaded.insert(subject) }
        subjectSeqs[subject, default: []].append(outline.seq)
    }

    private static func entry(of outline: EntryOutline) throws(AppError) -> LogEntry {
        do {
            return try outline.entry()
        } catch {
            throw ScreeningService.storeError(error, action: "read the log")
        }
    }

    /// What folding one not-yet-folded subject needs, taken under the lock.
    struct SubjectLoad: Sendable {
        var number: String
        var locations: [EntryLocation]
        var seqCount: Int
        var protocols: [RegisteredProtocol]
    }

    /// The plan to fold `number`, or nil if it needs no folding.
    func loadPlan(_ number: String) -> SubjectLoad? {
        guard unloaded.contains(number) else { return nil }
        let seqs = subjectSeqs[number] ?? []
        return SubjectLoad(
            number: number, locations: seqs.compactMap { index.location(of: $0) }, seqCount: seqs.count,
            protocols: screening.protocols)
    }

    /// Installs a subject folded from `plan`, unless the state moved on since the plan was taken
    /// (then the caller plans again). True when the subject no longer needs folding.
    mutating func install(_ record: SubjectRecord?, from plan: SubjectLoad) -> Bool {
        guard unloaded.contains(plan.number) else { return true }
        guard subjectSeqs[plan.number]?.count == plan.seqCount, screening.protocols.count == plan.protocols.count
        else { return false }
        if let record { screening.adopt(record) }
        unloaded.remove(plan.number)
        // The last one: subjects were adopted in fold order, put them back in log order.
        if unloaded.isEmpty { screening.orderRegistrations() }
        return true
    }
}
