#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
public import LogCrypto

extension LogWriter {
    /// The type of the first entry of every log.
    public static let createdType = "log.created"

    /// Creates a new store and returns its writer.
    ///
    /// Writes entry 0 - type `log.created`, by `creator`, with data `origin`, `verifierKey` (the
    /// C2SP note verifier key of `signingKey`, named `origin`) and `formatVersion: 1` - and the
    /// first signed checkpoint (size 1), durably (files and directory fsynced).
    ///
    /// - Parameters:
    ///   - origin: the log's name, for example `screening.example/zju-cd7`; also the checkpoint
    ///     origin line and the key name. No spaces or `+`.
    ///   - signingKey: the Ed25519 key; keep it in `location`'s secrets directory, never in the store.
    /// - Throws: `store.exists` if the store already holds a log, `store.locked`, `store.location`,
    ///   `draft.invalid` for a bad origin or creator, `store.io`.
    public static func create(
        at location: StoreLocation,
        origin: String,
        signingKey: Ed25519SigningKey,
        creator: Actor,
        clock: any LogClock = SystemClock()
    ) async throws -> LogWriter {
        try location.checkSecretsOutsideStore()
        try checkOrigin(origin)
        try EventDraft.checkName(creator.id, field: "creator.id")
        try EventDraft.checkName(creator.name, field: "creator.name")
        try EventDraft.checkName(creator.role, field: "creator.role")

        try StoreLocation.makeDirectoryTree(location.storePath)
        let lockFile = try StoreLock.acquire(location)
        for path in [location.eventsPath, location.checkpointPath, location.checkpointHistoryPath]
        where POSIXFile.exists(path) {
            throw LogStoreError(
                code: LogStoreError.existsCode,
                reason: "a log already exists in \(location.storePath); open it instead", location: path)
        }
        try POSIXFile.makeDirectory(location.recoveredPath, mode: 0o755)

        let signer = NoteSigner(name: origin, key: signingKey)
        var transaction = LogTransaction(nextSeq: 0, prev: .zero, at: clock.now(), allowReservedTypes: true)
        try transaction.append(
            EventDraft(
                type: createdType,
                actor: creator,
                data: [
                    "origin": .string(origin),
                    "verifierKey": .string(signer.verifierKey.stringValue),
                    "formatVersion": .integer(Int64(LogEntry.formatVersion)),
                ]
            ))
        var tree = MerkleAccumulator()
        for hash in transaction.leafHashes { tree.append(hash) }

        let events = try POSIXFile.open(location.eventsPath, flags: O_RDWR | O_CREAT | O_EXCL, mode: 0o644)
        let history = try POSIXFile.open(location.checkpointHistoryPath, flags: O_RDWR | O_CREAT | O_EXCL, mode: 0o644)
        let committer = BatchCommitter(
            location: location, origin: origin, signer: signer,
            events: events, eventsEnd: 0, history: history, historyEnd: 0, published: nil
        )
        let note = try committer.commitNow(
            BatchCommitter.Batch(lines: transaction.lines, tree: tree, lastHash: transaction.prev))
        try POSIXFile.syncDirectory(location.storePath)
        try POSIXFile.syncDirectory(POSIXFile.parentPath(of: POSIXFile.absolutePath(location.storePath)))

        return LogWriter(
            location: location,
            origin: origin,
            verifierKey: signer.verifierKey,
            clock: clock,
            committer: committer,
            lockFile: lockFile,
            state: State(
                size: tree.size, lastHash: transaction.prev, lastAt: transaction.at, tree: tree, latestNote: note)
        )
    }

    /// Origins name the log in checkpoints and the signing key (C2SP signed-note key names):
    /// non-empty, at most 256 bytes, no spaces, control characters or `+`.
    static func checkOrigin(_ origin: String) throws {
        if origin.isEmpty { throw LogStoreError.invalidDraft("must not be empty", field: "origin") }
        if origin.utf8.count > DraftLimits.maxNameBytes {
            throw LogStoreError.invalidDraft("is longer than \(DraftLimits.maxNameBytes) bytes", field: "origin")
        }
        if origin.unicodeScalars.contains(where: {
            $0 == "+" || $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F
        }) {
            throw LogStoreError.invalidDraft("must not contain spaces, control characters or `+`", field: "origin")
        }
    }
}
