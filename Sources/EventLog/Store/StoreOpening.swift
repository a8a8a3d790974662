#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import LogCrypto

/// Validates a store at open and performs crash recovery.
///
/// Reads `events.jsonl` once, streaming (format's `LineReader`), from where the writer's memory
/// (`CheckpointMemory`) says it last stopped - or from the start when there is no usable memory:
/// checks seq and `prev` of every line up to the latest signed checkpoint and extends the Merkle
/// compact range over them (memory: one read chunk plus the compact range); the first and last
/// entries are parsed fully. The part before the remembered point is not reread: the memory,
/// kept outside the store, vouches for it (`verify` is the full check).
///
/// Recovery: a batch's events and its checkpoint line are fdatasynced concurrently, so a crash
/// can leave checkpoint lines whose entries did not survive. The store opens at the latest of the
/// last ``lookBack`` checkpoint lines whose entries are all present and whose signed root matches
/// them. Anything past it - a torn final line, complete lines no such checkpoint covers, the
/// later checkpoint lines - was never acknowledged; it is copied byte for byte into `recovered/`
/// and cut from the files. The writer never signs lines it did not just write itself. Any other
/// inconsistency refuses to open with `store.corrupt`, and a store behind the remembered
/// checkpoint with `store.rolled_back`.
struct StoreOpening {
    let location: StoreLocation
    let signingKey: Ed25519SigningKey
    let clock: any LogClock

    /// How many trailing lines of `checkpoints.jsonl` recovery considers. A crash leaves at most
    /// as many checkpoint lines beyond the durable events as the writer has batches in flight (2).
    static let lookBack = 16

    /// What open() found and did.
    struct Result {
        var origin: String
        var verifierKey: NoteVerifierKey
        var signer: NoteSigner
        var events: POSIXFile
        var eventsEnd: Int64
        var history: POSIXFile
        var historyEnd: Int64
        var state: LogWriter.State
        /// The checkpoint the store and the writer's memory now hold.
        var memory: CheckpointMemory
        /// The data of the `log.recovered` entry to append, if anything was set aside.
        var recoveredData: [String: JSONValue]?
        /// True when the scan started where the writer's memory said it stopped.
        var resumed: Bool
    }

    /// A set-aside byte range.
    private struct SetAside {
        var file: String
        var bytes: Int64
        var sha256: SHA256Digest
    }

    /// One of the last lines of `checkpoints.jsonl`, with its (not yet verified) size.
    struct HistoryCheckpoint {
        var note: String
        var size: Int64
        var line: CheckpointFiles.Line
    }

    func run() throws -> Result {
        guard let events = try? POSIXFile.open(location.eventsPath, flags: O_RDWR) else {
            throw LogStoreError(
                code: LogStoreError.notFoundCode, reason: "no log in \(location.storePath) (events.jsonl is missing)",
                location: location.eventsPath)
        }
        let eventsSize = try events.size()
        guard eventsSize > 0 else {
            throw LogStoreError.corrupt(
                "events.jsonl is empty (was create interrupted?)", location: location.eventsPath)
        }
        guard let history = try? POSIXFile.open(location.checkpointHistoryPath, flags: O_RDWR) else {
            throw LogStoreError.corrupt(
                "checkpoints.jsonl is missing while events exist", location: location.checkpointHistoryPath)
        }
        guard POSIXFile.exists(location.checkpointPath) else {
            throw LogStoreError.corrupt(
                "the checkpoint file is missing while events exist", location: location.checkpointPath)
        }

        let (origin, verifierKey) = try readCreation(events)
        let signer = NoteSigner(name: origin, key: signingKey)

        // The latest checkpoint is the last line of checkpoints.jsonl; recovery may step back.
        let (candidates, historyTail) = try historyCheckpoints(history)
        let latest = candidates[candidates.count - 1]
        let latestCheckpoint = try verifiedCheckpoint(
            latest.note, verifier: verifierKey, origin: origin, where: "checkpoints.jsonl offset \(latest.line.offset)")

        // The store must extend the latest checkpoint this writer remembers publishing.
        let memory = try CheckpointMemory.read(location)
        let remembered = try memory.map {
            try rememberedCheckpoint($0.note, verifier: verifierKey, origin: origin, storeSize: latestCheckpoint.size)
        }

        // Check what follows the remembered point (or the whole log) and rebuild the tree.
        let start = try memory?.resume.flatMap { resume in
            try resumePoint(
                resume, upTo: remembered?.size ?? 0, verifier: verifierKey, origin: origin, events: events,
                history: history)
        }
        let scan = try scan(
            from: start ?? .beginning, target: latestCheckpoint.size,
            marks: Set(candidates.map(\.size) + [remembered?.size ?? 0]))

        // Open at the latest checkpoint whose entries are all present.
        guard let chosen = candidates.last(where: { $0.size <= scan.completeLines }) else {
            throw LogStoreError.corrupt(
                "the latest checkpoint covers \(latestCheckpoint.size) entries but events.jsonl holds only "
                    + "\(scan.completeLines) complete ones", location: location.eventsPath)
        }
        if let remembered, remembered.size > chosen.size {
            throw rolledBack(
                "the writer last published a checkpoint of \(remembered.size) entries, but the store holds the "
                    + "entries of only \(chosen.size) (it was restored to an older copy or cut)")
        }
        let checkpoint = try verifiedCheckpoint(
            chosen.note, verifier: verifierKey, origin: origin, where: "checkpoints.jsonl offset \(chosen.line.offset)")
        guard let point = scan.marks[chosen.size], point.tree.root == checkpoint.rootHash else {
            let found = scan.marks[chosen.size]?.tree.root.hex ?? "unknown"
            throw LogStoreError.corrupt(
                "the Merkle root of the first \(checkpoint.size) entries is \(found), but the checkpoint at "
                    + "checkpoints.jsonl offset \(chosen.line.offset) signs \(checkpoint.rootHash.hex)",
                location: location.eventsPath
            )
        }
        if let remembered {
            guard scan.marks[remembered.size]?.tree.root == remembered.rootHash else {
                throw rolledBack(
                    "the store's first \(remembered.size) entries are not those of the checkpoint the writer last "
                        + "published (a different history: the store was replaced or forked)")
            }
        }
        let checkpointFileIsCurrent = try checkCheckpointFile(
            against: checkpoint, note: chosen.note, verifier: verifierKey, origin: origin)
        let lastEntry = try readEntry(events, at: point.lastLineOffset)

        // Set aside what no surviving checkpoint covers, then repair the checkpoint file if it lags.
        let stamp = clock.now()
        var recoveredData: [String: JSONValue]?
        if eventsSize > point.end || historyTail.fileSize > chosen.line.end {
            try POSIXFile.makeDirectory(location.recoveredPath, mode: 0o755)
            var data: [String: JSONValue] = [
                "fromSeq": .integer(checkpoint.size), "entries": 0, "bytes": 0, "partialLine": false,
            ]
            if eventsSize > point.end {
                let complete = scan.completeLines - checkpoint.size
                let aside = try setAside(
                    events, from: point.end, to: eventsSize,
                    name: "\(Self.compact(stamp))-from-seq-\(checkpoint.size).jsonl")
                try events.truncate(to: point.end)
                try events.sync()
                let nominal = complete + (scan.partialLine ? 1 : 0)
                data["entries"] = .integer(complete)
                data["partialLine"] = .bool(scan.partialLine)
                data["throughSeq"] = .integer(checkpoint.size + nominal - 1)
                data["bytes"] = .integer(aside.bytes)
                data["sha256"] = .string(aside.sha256.hex)
                data["file"] = .string(aside.file)
            }
            if historyTail.fileSize > chosen.line.end {
                let later = candidates.filter { $0.line.offset >= chosen.line.end }.count
                let aside = try setAside(
                    history, from: chosen.line.end, to: historyTail.fileSize,
                    name: "\(Self.compact(stamp))-checkpoints-tail.jsonl")
                try history.truncate(to: chosen.line.end)
                try history.sync()
                if later > 0 { data["checkpoints"] = .integer(Int64(later)) }
                data["checkpointsBytes"] = .integer(aside.bytes)
                data["checkpointsSha256"] = .string(aside.sha256.hex)
                data["checkpointsFile"] = .string(aside.file)
            }
            recoveredData = data
        }
        if !checkpointFileIsCurrent {
            try CheckpointFiles.replaceCheckpoint(note: chosen.note, in: location, durable: true)
        }
        let opened = CheckpointMemory(
            note: chosen.note,
            resume: CheckpointMemory.ResumePoint(
                note: chosen.note, eventsBytes: point.end, checkpointsBytes: chosen.line.end, lastHash: point.lastHash,
                peaks: point.tree.peaks))
        try opened.record(in: location, durable: true)

        return Result(
            origin: origin,
            verifierKey: verifierKey,
            signer: signer,
            events: events,
            eventsEnd: point.end,
            history: history,
            historyEnd: chosen.line.end,
            state: LogWriter.State(
                size: checkpoint.size,
                lastHash: point.lastHash,
                lastAt: lastEntry.at,
                tree: point.tree,
                latestNote: chosen.note
            ),
            memory: opened,
            recoveredData: recoveredData,
            resumed: start != nil
        )
    }

    /// The last ``lookBack`` lines of `checkpoints.jsonl` as checkpoints (their signatures not yet
    /// checked), stopping at a line that is not one, and the file's tail. The last line must be one.
    private func historyCheckpoints(_ history: POSIXFile) throws -> ([HistoryCheckpoint], CheckpointFiles.Tail) {
        let (lines, tail) = try CheckpointFiles.lastLines(of: history, count: Self.lookBack)
        var found: [HistoryCheckpoint] = []
        for line in lines.reversed() {
            guard let note = CheckpointFiles.note(fromHistoryLine: line.bytes), let checkpoint = Checkpoint(ofNote: note)
            else {
                guard !found.isEmpty else {
                    throw LogStoreError.corrupt(
                        "the last line of checkpoints.jsonl is not {\"note\": ...} holding a checkpoint",
                        location: "checkpoints.jsonl offset \(line.offset)")
                }
                break
            }
            found.insert(HistoryCheckpoint(note: note, size: checkpoint.size, line: line), at: 0)
        }
        guard !found.isEmpty else {
            throw LogStoreError.corrupt(
                "checkpoints.jsonl holds no complete checkpoint", location: location.checkpointHistoryPath)
        }
        return (found, tail)
    }

    /// Reads entry 0 and checks it is `log.created` naming this signing key.
    private func readCreation(_ events: POSIXFile) throws -> (String, NoteVerifierKey) {
        let first = try readEntry(events, at: 0)
        guard first.seq == 0, first.type == LogWriter.createdType, first.prev == .zero,
            let origin = first.data["origin"]?.stringValue,
            let keyText = first.data["verifierKey"]?.stringValue,
            let recorded = try? NoteVerifierKey(parsing: keyText)
        else {
            throw LogStoreError.corrupt(
                "entry 0 is not a log.created entry with origin and verifierKey", location: "events.jsonl offset 0")
        }
        let ours = NoteVerifierKey(name: origin, publicKey: signingKey.verifyingKey)
        guard ours == recorded else {
            throw LogStoreError(
                code: LogStoreError.keyMismatchCode,
                reason: "the signing key does not match the log's verifier key \(keyText)",
                location: location.signingKeyURL.path
            )
        }
        return (origin, recorded)
    }

    /// Parses the complete line starting at `offset`.
    private func readEntry(_ events: POSIXFile, at offset: Int64) throws -> LogEntry {
        guard let line = try LineLocator(file: events, end: try events.size()).line(at: offset) else {
            throw LogStoreError.corrupt("no complete entry line", location: "events.jsonl offset \(offset)")
        }
        do {
            return try LogEntry(line: line)
        } catch {
            throw LogStoreError.corrupt("unreadable entry: \(error)", location: "events.jsonl offset \(offset)")
        }
    }

    /// Opens `note` with the log's key and parses its checkpoint body.
    private func verifiedCheckpoint(_ note: String, verifier: NoteVerifierKey, origin: String, where place: String)
        throws -> Checkpoint
    {
        guard case .verified(let body) = SignedNote.open(note, verifier: verifier) else {
            throw LogStoreError.corrupt(
                "the latest checkpoint does not carry a valid signature by the log's key", location: place)
        }
        guard let checkpoint = try? Checkpoint(parsingBody: body), checkpoint.origin == origin, checkpoint.size >= 1
        else {
            throw LogStoreError.corrupt("the latest checkpoint's body is not a checkpoint of this log", location: place)
        }
        return checkpoint
    }

    /// True when `checkpoint` holds `note`; false when it is torn or older (open repairs it).
    /// Throws when it is validly signed yet disagrees, or carries a bad signature.
    private func checkCheckpointFile(
        against latest: Checkpoint, note: String, verifier: NoteVerifierKey, origin: String
    ) throws -> Bool {
        guard let file = try POSIXFile.openForReadingIfPresent(location.checkpointPath) else {
            throw LogStoreError.corrupt(
                "the checkpoint file is missing while events exist", location: location.checkpointPath)
        }
        let size = try file.size()
        if size > 64 * 1024 {
            throw LogStoreError.corrupt("the checkpoint file is too large", location: location.checkpointPath)
        }
        let text = String(decoding: try file.read(count: Int(size), at: 0), as: UTF8.self)
        if text == note { return true }
        switch SignedNote.open(text, verifier: verifier) {
        case .malformed:
            return false  // torn by a crash during the unsynced per-batch replace
        case .noSignatureByKey, .badSignature:
            throw LogStoreError.corrupt(
                "the checkpoint file does not carry a valid signature by the log's key",
                location: location.checkpointPath)
        case .verified(let body):
            guard let found = try? Checkpoint(parsingBody: body), found.origin == origin, found.size < latest.size
            else {
                throw LogStoreError.corrupt(
                    "the checkpoint file disagrees with the last line of checkpoints.jsonl",
                    location: location.checkpointPath)
            }
            return false  // an older checkpoint: the crash came before the rename
        }
    }

    /// The checkpoint remembered in the secrets directory, checked against the store's latest.
    private func rememberedCheckpoint(_ note: String, verifier: NoteVerifierKey, origin: String, storeSize: Int64)
        throws -> Checkpoint
    {
        guard case .verified(let body) = SignedNote.open(note, verifier: verifier),
            let checkpoint = try? Checkpoint(parsingBody: body), checkpoint.origin == origin
        else {
            throw rolledBack("the writer's last-checkpoint file is not a checkpoint of this log signed by its key")
        }
        guard checkpoint.size <= storeSize else {
            throw rolledBack(
                "the writer last published a checkpoint of \(checkpoint.size) entries, but the store's latest covers only "
                    + "\(storeSize) (it was restored to an older copy)")
        }
        return checkpoint
    }

    private func rolledBack(_ reason: String) -> LogStoreError {
        LogStoreError(
            code: LogStoreError.rolledBackCode,
            reason: reason + "; the store was not opened - run `verify` on it, with the writer's "
                + "\(StoreLocation.lastCheckpointFileName) as the saved checkpoint (--checkpoint), for a full report",
            location: location.lastCheckpointURL.path)
    }

    /// Copies `file[start..<end]` into a new file in `recovered/`, fsynced, and hashes it.
    private func setAside(_ file: POSIXFile, from start: Int64, to end: Int64, name: String) throws -> SetAside {
        var chosen = name
        var attempt = 1
        var target: POSIXFile
        while true {
            do {
                target = try POSIXFile.open(
                    location.recoveredPath + "/" + chosen, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o644)
                break
            } catch {
                guard POSIXFile.exists(location.recoveredPath + "/" + chosen), attempt < 100 else { throw error }
                attempt += 1
                chosen = "\(attempt)-" + name
            }
        }
        var hasher = SHA256Hasher()
        var position = start
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while position < end {
            let want = Int(min(Int64(buffer.count), end - position))
            let got = try buffer.withUnsafeMutableBytes { (raw) throws -> Int in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]), at: position)
            }
            guard got > 0 else { break }
            try buffer.withUnsafeBytes { (raw) throws in
                let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<got])
                hasher.update(chunk)
                try target.write(chunk, at: position - start)
            }
            position += Int64(got)
        }
        try target.sync()
        try POSIXFile.syncDirectory(location.recoveredPath)
        return SetAside(
            file: StoreLocation.recoveredDirectoryName + "/" + chosen, bytes: position - start,
            sha256: hasher.finalize())
    }

    /// `2025-01-02T03:04:05.123456Z` -> `20250102T030405.123456Z`, safe in file names.
    static func compact(_ timestamp: Timestamp) -> String {
        String(timestamp.formatted.filter { $0 != "-" && $0 != ":" })
    }
}
