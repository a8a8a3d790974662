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
/// Reads `events.jsonl` once, streaming (format's `LineReader`): checks seq and `prev` of every
/// line covered by the latest signed checkpoint and recomputes the Merkle root over them
/// (memory: one read chunk plus the compact range); the first and last entries are parsed fully. Anything past the checkpointed size - a torn final line, complete
/// lines that no checkpoint covers - was never acknowledged; it is copied byte for byte into
/// `recovered/` and cut from `events.jsonl`. The writer never signs lines it did not just write
/// itself. Any other inconsistency refuses to open with `store.corrupt`.
struct StoreOpening {
    let location: StoreLocation
    let signingKey: Ed25519SigningKey
    let clock: any LogClock

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
        /// The data of the `log.recovered` entry to append, if anything was set aside.
        var recoveredData: [String: JSONValue]?
    }

    /// A set-aside byte range.
    private struct SetAside {
        var file: String
        var bytes: Int64
        var sha256: SHA256Digest
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

        // The latest checkpoint is the last line of checkpoints.jsonl.
        let historyTail = try CheckpointFiles.tail(of: history)
        guard let lastLine = historyTail.lastLine else {
            throw LogStoreError.corrupt(
                "checkpoints.jsonl holds no complete checkpoint", location: location.checkpointHistoryPath)
        }
        guard let latestNote = CheckpointFiles.note(fromHistoryLine: lastLine) else {
            throw LogStoreError.corrupt(
                "the last line of checkpoints.jsonl is not {\"note\": ...}",
                location: "checkpoints.jsonl offset \(historyTail.lastLineOffset)")
        }
        let checkpoint = try verifiedCheckpoint(
            latestNote, verifier: verifierKey, origin: origin,
            where: "checkpoints.jsonl offset \(historyTail.lastLineOffset)")
        let checkpointFileIsCurrent = try checkCheckpointFile(
            against: checkpoint, note: latestNote, verifier: verifierKey, origin: origin)

        // Check the checkpointed prefix and rebuild the tree.
        let prefix = try scan(size: checkpoint.size)
        guard prefix.tree.root == checkpoint.rootHash else {
            throw LogStoreError.corrupt(
                "the Merkle root of the first \(checkpoint.size) entries is \(prefix.tree.root.hex), but the latest checkpoint signs \(checkpoint.rootHash.hex)",
                location: location.eventsPath
            )
        }
        let lastEntry = try readEntry(events, at: prefix.lastLineOffset)

        // Set aside what no checkpoint covers, then repair the checkpoint file if it lags.
        let stamp = clock.now()
        var recoveredData: [String: JSONValue]?
        if eventsSize > prefix.end || historyTail.fileSize > historyTail.completeLength {
            try POSIXFile.makeDirectory(location.recoveredPath, mode: 0o755)
            var data: [String: JSONValue] = [
                "fromSeq": .integer(checkpoint.size), "entries": 0, "bytes": 0, "partialLine": false,
            ]
            if eventsSize > prefix.end {
                let lines = (complete: prefix.tailLines, partial: prefix.partialLine)
                let aside = try setAside(
                    events, from: prefix.end, to: eventsSize,
                    name: "\(Self.compact(stamp))-from-seq-\(checkpoint.size).jsonl")
                try events.truncate(to: prefix.end)
                try events.sync()
                let nominal = lines.complete + (lines.partial ? 1 : 0)
                data["entries"] = .integer(lines.complete)
                data["partialLine"] = .bool(lines.partial)
                data["throughSeq"] = .integer(checkpoint.size + nominal - 1)
                data["bytes"] = .integer(aside.bytes)
                data["sha256"] = .string(aside.sha256.hex)
                data["file"] = .string(aside.file)
            }
            if historyTail.fileSize > historyTail.completeLength {
                let aside = try setAside(
                    history, from: historyTail.completeLength, to: historyTail.fileSize,
                    name: "\(Self.compact(stamp))-checkpoints-tail.jsonl")
                try history.truncate(to: historyTail.completeLength)
                try history.sync()
                data["checkpointsBytes"] = .integer(aside.bytes)
                data["checkpointsSha256"] = .string(aside.sha256.hex)
                data["checkpointsFile"] = .string(aside.file)
            }
            recoveredData = data
        }
        if !checkpointFileIsCurrent {
            try CheckpointFiles.replaceCheckpoint(note: latestNote, in: location, durable: true)
        }

        return Result(
            origin: origin,
            verifierKey: verifierKey,
            signer: signer,
            events: events,
            eventsEnd: prefix.end,
            history: history,
            historyEnd: historyTail.completeLength,
            state: LogWriter.State(
                size: checkpoint.size,
                lastHash: prefix.lastHash,
                lastAt: lastEntry.at,
                tree: prefix.tree,
                latestNote: latestNote
            ),
            recoveredData: recoveredData
        )
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

    /// The checkpointed prefix (its end offset, last line, tree and last hash) and what follows it.
    private struct Scan {
        var end: Int64 = 0
        var lastLineOffset: Int64 = 0
        var lastHash: SHA256Digest = .zero
        var tree = MerkleAccumulator()
        /// Complete lines after the prefix.
        var tailLines: Int64 = 0
        /// True when the file ends in a line without "\n".
        var partialLine = false
    }

    /// One streaming pass over `events.jsonl`: checks seq and prev of each of the first `size`
    /// lines and adds it to the tree; counts the lines after them.
    private func scan(size: Int64) throws -> Scan {
        var scan = Scan()
        var seq: Int64 = 0
        let partial: LineReader.PartialTail?
        do {
            partial = try LineReader(path: location.eventsPath).forEachLine { line in
                defer { seq += 1 }
                guard seq < size else {
                    scan.tailLines += 1
                    return
                }
                // The skim reads seq and prev without parsing the line: a full canonical check
                // of every line would not fit the 2 s budget for a million entries. Any change to
                // a line still fails the signed root below; `verify` checks every line fully.
                guard let skim = EntrySkim(line.bytes) else {
                    throw LogStoreError.corrupt(
                        "entry \(seq) is not a well-formed entry line", location: "events.jsonl offset \(line.offset)")
                }
                guard skim.seq == seq else {
                    throw LogStoreError.corrupt(
                        "expected seq \(seq), found seq \(skim.seq)", location: "events.jsonl offset \(line.offset)")
                }
                guard skim.prev(in: line.bytes, equals: scan.lastHash) else {
                    throw LogStoreError.corrupt(
                        "entry \(seq)'s prev is not the hash of entry \(seq - 1)",
                        location: "events.jsonl offset \(line.offset)")
                }
                let hash = Merkle.leafHash(line.bytes)
                scan.tree.append(hash)
                scan.lastHash = hash
                scan.lastLineOffset = line.offset
                scan.end = line.offset + Int64(line.bytes.count) + 1
            }
        } catch let error as LineReadError {
            throw LogStoreError(
                code: LogStoreError.ioCode, reason: "reading events.jsonl failed: \(error)",
                location: location.eventsPath)
        }
        scan.partialLine = partial != nil
        guard scan.tree.size == size else {
            throw LogStoreError.corrupt(
                "the latest checkpoint covers \(size) entries but events.jsonl holds only \(scan.tree.size) complete ones",
                location: location.eventsPath
            )
        }
        return scan
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
