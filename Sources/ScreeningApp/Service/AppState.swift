import EventLog
import ScreeningDomain

/// Everything the service folds from the log, kept under one lock so that deciding and applying
/// a command is atomic with respect to every other command.
struct AppState: Sendable {
    /// The seq of the last entry folded in (-1 for an empty log; `log.created` is seq 0).
    var lastSeq: Int64 = -1
    /// The accounts.
    var accounts = AccountDirectory()
    /// Keyed requests already performed.
    var idempotency = IdempotencyIndex()
    /// The screening domain's state.
    var screening: ScreeningState
    /// Set when a batch failed to become durable after the state had applied it; every later
    /// write is refused until the store is reopened.
    var poisoned = false
    /// The seqs of every entry about each subject, in log order (an index for as-of and history reads).
    var subjectSeqs: [String: [Int64]] = [:]
    /// The verifier key recorded in `log.created` (C2SP note verifier key text).
    var verifierKeyText: String?

    init(site: SiteCalendar) {
        screening = ScreeningState(site: site)
    }

    /// Folds one entry into every part of the state.
    mutating func evolve(_ entry: LogEntry) throws(AppError) {
        do {
            try screening.apply(entry, ignoringPayloadMembers: ApplicationEnvelope.keys)
        } catch {
            throw .unavailable("log.unreadable", "the log holds an entry the screening domain cannot fold: \(error.code) (seq \(entry.seq))")
        }
        lastSeq = entry.seq
        if let subject = entry.subject, !entry.type.hasPrefix("user.") { subjectSeqs[subject, default: []].append(entry.seq) }
        if entry.seq == 0, entry.type == LogWriter.createdType { verifierKeyText = entry.dataMember("verifierKey")?.stringValue }
        accounts.evolve(entry)
        idempotency.evolve(entry)
    }
}
