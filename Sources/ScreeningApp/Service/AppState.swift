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
    /// Where each entry's line is and when it was written, by seq (reads without bisection).
    var index = EntryIndex()
    /// The verifier key recorded in `log.created` (C2SP note verifier key text).
    var verifierKeyText: String?
    /// Subjects the log has entries about that are not folded into `screening` yet: open reads
    /// only their entries' envelopes, and each is folded on first use (or by the warm-up).
    var unloaded: Set<String> = []

    init(site: SiteCalendar) {
        screening = ScreeningState(site: site)
    }

    /// Folds one entry into every part of the state; `location` is where its line is.
    mutating func evolve(_ entry: LogEntry, at location: EntryLocation) throws(AppError) {
        do {
            try screening.apply(entry, ignoringPayloadMembers: ApplicationEnvelope.keys)
        } catch {
            throw .unavailable("log.unreadable", "the log holds an entry the screening domain cannot fold: \(error.code) (seq \(entry.seq))")
        }
        lastSeq = entry.seq
        index.append(seq: entry.seq, at: entry.at, location)
        if let subject = entry.subject, !entry.type.hasPrefix("user.") { subjectSeqs[subject, default: []].append(entry.seq) }
        if entry.seq == 0, entry.type == LogWriter.createdType { verifierKeyText = entry.dataMember("verifierKey")?.stringValue }
        accounts.evolve(entry)
        idempotency.evolve(entry)
    }
}
