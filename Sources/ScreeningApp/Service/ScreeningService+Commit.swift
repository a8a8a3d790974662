import EventLog
import Logging
import Synchronization

/// What a decision produced: the drafts to append and a value for the caller.
struct Decision<Result: Sendable>: Sendable {
    var drafts: [EventDraft]
    var result: Result
}

extension ScreeningService {
    /// The one write path: runs `decide` inside the writer's transaction, under the state lock,
    /// against the current state; stages its drafts; runs `afterStage` with the batch's last seq
    /// (a credentials write, tagged with that seq so that it is dropped on open if the batch never
    /// becomes durable) - only if something was staged; folds the staged entries into the state;
    /// returns once the batch is durable. If `decide` or `afterStage` throws, nothing is appended.
    /// Once `afterStage` has run, any later failure poisons the service (reopen to recover).
    func commit<Result: Sendable>(
        _ decide: @escaping @Sendable (AppState, Timestamp) throws(AppError) -> Decision<Result>,
        afterStage: (@Sendable (_ lastSeq: Int64) throws(AppError) -> Void)? = nil
    ) async throws(AppError) -> (result: Result, entries: [LogEntry]) {
        guard let writer else {
            throw .unavailable("store.read_only", "this service was opened read-only; writes need the store's writer")
        }
        let applied = Mutex(false)
        do {
            let (result, entries) = try await writer.transact { transaction in
                try state.withLock { state throws -> Result in
                    if state.poisoned {
                        throw AppError.unavailable(
                            "store.poisoned", "an earlier write failed to become durable; reopen the store")
                    }
                    let decision = try decide(state, transaction.at)
                    let staged = try transaction.append(contentsOf: decision.drafts)
                    guard let last = staged.last else { return decision.result }
                    try afterStage?(last.seq)
                    // From here the credentials or the state may hold what the log does not yet.
                    applied.withLock { $0 = true }
                    // In place (no copy of the whole state per write): if an entry cannot be
                    // folded, the service is poisoned below, so a partly evolved state is never
                    // written on.
                    for (entry, length) in zip(staged, transaction.lineLengths.suffix(staged.count)) {
                        try state.evolve(entry, at: state.index.nextLocation(length: length))
                    }
                    return decision.result
                }
            }
            if !entries.isEmpty {
                metrics.appends.increment(by: entries.count)
                metrics.batchSize.record(entries.count)
            }
            return (result, entries)
        } catch {
            if applied.withLock({ $0 }) {
                // The state already holds entries the log may not: refuse everything from now on.
                state.withLock { $0.poisoned = true }
                logger.critical("batch not durable after decision; service poisoned", metadata: ["code": "store.poisoned"])
            }
            throw Self.storeError(error, action: "append to the log")
        }
    }

    /// Stamps `via` (and, for keyed requests, `request`) into every draft's data.
    static func stamp(
        _ drafts: [EventDraft], via: Interface, request: JSONValue?
    ) -> [EventDraft] {
        drafts.map { draft in
            var draft = draft
            draft.data["via"] = .string(via.rawValue)
            if let request { draft.data["request"] = request }
            return draft
        }
    }
}
