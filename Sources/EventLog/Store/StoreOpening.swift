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
/// Reads `events.jsonl` once, streaming: checks seq and `prev` of every line covered by the
/// latest signed checkpoint and recomputes the Merkle root over them (memory: one read chunk
/// plus the compact range). Anything past the checkpointed size - a torn final line, complete
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
            throw LogStoreError(code: LogStoreError.notFoundCode, reason: "no log in \(location.storePath) (events.jsonl is missing)", location: location.eventsPath)
        }
        let eventsSize = try events.size()
        guard eventsSize > 0 else {
            throw LogStoreError.corrupt("events.jsonl is empty (was create interrupted?)", location: location.eventsPath)
        }
        guard let history = try? POSIXFile.open(location.checkpointHistoryPath, flags: O_RDWR) else {
            throw LogStoreError.corrupt("checkpoints.jsonl is missing while events exist", location: location.checkpointHistoryPath)
        }
        guard POSIXFile.exists(location.checkpointPath) else {
            throw LogStoreError.corrupt("the checkpoint file is missing while events exist", location: location.checkpointPath)
        }

        let scanner = FileLineScanner(file: events)
        let (origin, verifierKey) = try readCreation(scanner: scanner, eventsSize: eventsSize)
        let signer = NoteSigner(name: origin, key: signingKey)

        // The latest checkpoint is the last line of checkpoints.jsonl.
        let historyTail = try CheckpointFiles.tail(of: history)
        guard let lastLine = historyTail.lastLine else {
            throw LogStoreError.corrupt("checkpoints.jsonl holds no complete checkpoint", location: location.checkpointHistoryPath)
        }
        guard let latestNote = CheckpointFiles.note(fromHistoryLine: lastLine) else {
            throw LogStoreError.corrupt("the last line of checkpoints.jsonl is not {\"note\": ...}", location: "checkpoints.jsonl offset \(historyTail.lastLineOffset)")
        }
        let checkpoint = try verifiedCheckpoint(latestNote, verifier: verifierKey, origin: origin, where: "checkpoints.jsonl offset \(historyTail.lastLineOffset)")
        let checkpointFileIsCurrent = try checkCheckpointFile(against: checkpoint, note: latestNote, verifier: verifierKey, origin: origin)

        // Check the checkpointed prefix and rebuild the tree.
        let prefix = try scanPrefix(scanner: scanner, size: checkpoint.size, eventsSize: eventsSize)
        guard prefix.tree.root == checkpoint.rootHash else {
            throw LogStoreError.corrupt(
                "the Merkle root of the first \(checkpoint.size) entries is \(prefix.tree.root.hex), but the latest checkpoint signs \(checkpoint.rootHash.hex)",
                location: location.eventsPath
            )
        }
        let lastEntry = try readEntry(scanner: scanner, at: prefix.lastLineOffset, end: prefix.end)

        // Set aside what no checkpoint covers, then repair the checkpoint file if it lags.
        let stamp = clock.now()
        var recoveredData: [String: JSONValue]?
        if eventsSize > prefix.end || historyTail.fileSize > historyTail.completeLength {
            try POSIXFile.makeDirectory(location.recoveredPath, mode: 0o755)
            var data: [String: JSONValue] = ["fromSeq": .integer(checkpoint.size), "entries": 0, "bytes": 0, "partialLine": false]
            if eventsSize > prefix.end {
                let lines = try countLines(scanner: scanner, from: prefix.end, to: eventsSize)
                let aside = try setAside(events, from: prefix.end, to: eventsSize, name: "\(Self.compact(stamp))-from-seq-\(checkpoint.size).jsonl")
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
                let aside = try setAside(history, from: historyTail.completeLength, to: historyTail.fileSize, name: "\(Self.compact(stamp))-checkpoints-tail.jsonl")
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
    private func readCreation(scanner: FileLineScanner, eventsSize: Int64) throws -> (String, NoteVerifierKey) {
        let first = try readEntry(scanner: scanner, at: 0, end: eventsSize)
        guard first.seq == 0, first.type == LogWriter.createdType, first.prev == .zero,
              let origin = first.data["origin"]?.stringValue,
              let keyText = first.data["verifierKey"]?.stringValue,
              let recorded = try? NoteVerifierKey(parsing: keyText)
        else {
            throw LogStoreError.corrupt("entry 0 is not a log.created entry with origin and verifierKey", location: "events.jsonl offset 0")
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
    private func readEntry(scanner: FileLineScanner, at offset: Int64, end: Int64) throws -> LogEntry {
        var parsed: LogEntry?
        var failure = "no complete line"
        try scanner.forEachLine(from: offset, to: end) { (line, _) throws -> Bool in
            do {
                parsed = try LogEntry(line: line)
            } catch {
                failure = "\(error)"
            }
            return false
        }
        guard let parsed else {
            throw LogStoreError.corrupt("unreadable entry: \(failure)", location: "events.jsonl offset \(offset)")
        }
        return parsed
    }

    /// Opens `note` with the log's key and parses its checkpoint body.
    private func verifiedCheckpoint(_ note: String, verifier: NoteVerifierKey, origin: String, where place: String) throws -> Checkpoint {
        guard case .verified(let body) = SignedNote.open(note, verifier: verifier) else {
            throw LogStoreError.corrupt("the latest checkpoint does not carry a valid signature by the log's key", location: place)
        }
        guard let checkpoint = try? Checkpoint(parsingBody: body), checkpoint.origin == origin, checkpoint.size >= 1 else {
            throw LogStoreError.corrupt("the latest checkpoint's body is not a checkpoint of this log", location: place)
        }
        return checkpoint
    }

    /// True when `checkpoint` holds `note`; false when it is torn or older (open repairs it).
    /// Throws when it is validly signed yet disagrees, or carries a bad signature.
    private func checkCheckpointFile(against latest: Checkpoint, note: String, verifier: NoteVerifierKey, origin: String) throws -> Bool {
        guard let file = try POSIXFile.openForReadingIfPresent(location.checkpointPath) else {
            throw LogStoreError.corrupt("the checkpoint file is missing while events exist", location: location.checkpointPath)
        }
        let size = try file.size()
        if size > 64 * 1024 { throw LogStoreError.corrupt("the checkpoint file is too large", location: location.checkpointPath) }
        let text = String(decoding: try file.read(count: Int(size), at: 0), as: UTF8.self)
        if text == note { return true }
        switch SignedNote.open(text, verifier: verifier) {
        case .malformed:
            return false   // torn by a crash during the unsynced per-batch replace
        case .noSignatureByKey, .badSignature:
            throw LogStoreError.corrupt("the checkpoint file does not carry a valid signature by the log's key", location: location.checkpointPath)
        case .verified(let body):
            guard let found = try? Checkpoint(parsingBody: body), found.origin == origin, found.size < latest.size else {
                throw LogStoreError.corrupt("the checkpoint file disagrees with the last line of checkpoints.jsonl", location: location.checkpointPath)
            }
            return false   // an older checkpoint: the crash came before the rename
        }
    }

    /// The checkpointed prefix: its end offset, the offset of its last line, the tree and last hash.
    private struct Prefix {
        var end: Int64 = 0
        var lastLineOffset: Int64 = 0
        var lastHash: SHA256Digest = .zero
        var tree = MerkleAccumulator()
    }

    private func scanPrefix(scanner: FileLineScanner, size: Int64, eventsSize: Int64) throws -> Prefix {
        var prefix = Prefix()
        var seq: Int64 = 0
        try scanner.forEachLine(from: 0, to: eventsSize) { (line, offset) throws -> Bool in
            if seq == size { return false }
            guard let skim = EntrySkim(line) else {
                throw LogStoreError.corrupt("entry \(seq) is not a well-formed entry line", location: "events.jsonl offset \(offset)")
            }
            guard skim.seq == seq else {
                throw LogStoreError.corrupt("expected seq \(seq), found seq \(skim.seq)", location: "events.jsonl offset \(offset)")
            }
            guard skim.prev(in: line, equals: prefix.lastHash) else {
                throw LogStoreError.corrupt("entry \(seq)'s prev is not the hash of entry \(seq - 1)", location: "events.jsonl offset \(offset)")
            }
            let hash = Merkle.leafHash(line)
            prefix.tree.append(hash)
            prefix.lastHash = hash
            prefix.lastLineOffset = offset
            prefix.end = offset + Int64(line.count) + 1
            seq += 1
            return true
        }
        guard seq == size else {
            throw LogStoreError.corrupt(
                "the latest checkpoint covers \(size) entries but events.jsonl holds only \(seq) complete ones",
                location: location.eventsPath
            )
        }
        return prefix
    }

    private func countLines(scanner: FileLineScanner, from start: Int64, to end: Int64) throws -> (complete: Int64, partial: Bool) {
        var count: Int64 = 0
        let completeEnd = try scanner.forEachLine(from: start, to: end) { (_, _) throws -> Bool in
            count += 1
            return true
        }
        return (count, completeEnd < end)
    }

    /// Copies `file[start..<end]` into a new file in `recovered/`, fsynced, and hashes it.
    private func setAside(_ file: POSIXFile, from start: Int64, to end: Int64, name: String) throws -> SetAside {
        var chosen = name
        var attempt = 1
        var target: POSIXFile
        while true {
            do {
                target = try POSIXFile.open(location.recoveredPath + "/" + chosen, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o644)
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
        return SetAside(file: StoreLocation.recoveredDirectoryName + "/" + chosen, bytes: position - start, sha256: hasher.finalize())
    }

    /// `2025-01-02T03:04:05.123456Z` -> `20250102T030405.123456Z`, safe in file names.
    static func compact(_ timestamp: Timestamp) -> String {
        String(timestamp.formatted.filter { $0 != "-" && $0 != ":" })
    }
}
