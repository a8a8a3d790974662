public import LogCrypto

extension LogWriter {
    /// The type of the entry recording what crash recovery set aside.
    public static let recoveredType = "log.recovered"
    /// The actor of entries the writer appends on its own (`log.recovered`).
    public static let systemActor = Actor(id: "system", name: "Event log writer", role: "system")

    /// Opens an existing store for writing, running crash recovery first.
    ///
    /// Validates `events.jsonl` against the latest signed checkpoint (seq, `prev` chain, Merkle
    /// root, signature by `signingKey`). Bytes past the checkpointed size were never
    /// acknowledged: they are moved to `recovered/<timestamp>-from-seq-<n>.jsonl` exactly as they
    /// were, `events.jsonl` is cut back, and a `log.recovered` entry by ``systemActor`` records
    /// `entries` (complete lines), `partialLine`, `bytes`, `sha256` (hex of the set-aside bytes),
    /// `file` (path within the store), and `fromSeq`/`throughSeq` (the seqs those lines would
    /// have had). A torn last line of `checkpoints.jsonl` is set aside the same way
    /// (`checkpointsFile`, `checkpointsBytes`, `checkpointsSha256`).
    ///
    /// - Throws: `store.not-found`, `store.locked`, `key.mismatch`, or `store.corrupt` (a bad
    ///   signature, a root mismatch, a broken chain inside the checkpointed prefix, a missing
    ///   checkpoint): run `verify` for a full report.
    public static func open(
        at location: StoreLocation,
        signingKey: Ed25519SigningKey,
        clock: any LogClock = SystemClock()
    ) async throws -> LogWriter {
        try location.checkSecretsOutsideStore()
        guard POSIXFile.isDirectory(location.storePath) else {
            throw LogStoreError(
                code: LogStoreError.notFoundCode, reason: "no store directory", location: location.storePath)
        }
        let lockFile = try StoreLock.acquire(location)
        let opened = try StoreOpening(location: location, signingKey: signingKey, clock: clock).run()
        let committer = BatchCommitter(
            location: location, origin: opened.origin, signer: opened.signer,
            events: opened.events, eventsEnd: opened.eventsEnd,
            history: opened.history, historyEnd: opened.historyEnd, published: opened.memory
        )
        let writer = LogWriter(
            location: location,
            origin: opened.origin,
            verifierKey: opened.verifierKey,
            clock: clock,
            committer: committer,
            lockFile: lockFile,
            state: opened.state
        )
        if let data = opened.recoveredData {
            let draft = EventDraft(type: recoveredType, actor: systemActor, data: data)
            _ = try await writer.transact(allowReservedTypes: true) { transaction in
                try transaction.append(draft)
            }
        }
        return writer
    }
}
