#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import LogCrypto

/// The writer's memory of the latest checkpoint it published: `last-checkpoint` in the secrets
/// directory, outside the store. Not secret (a signed note), but out of reach of whoever can only
/// write the store, so that open() can refuse a store restored to an older copy (rollback) or
/// replaced by a fork, instead of signing checkpoints that extend it. It stays a bare note, so it
/// can be given to `verify --checkpoint`.
///
/// Next to it, `last-checkpoint.resume` records where the log stood at a checkpoint the writer
/// published - the note, the byte lengths of `events.jsonl` and `checkpoints.jsonl` it covers, the
/// hash of its last entry and the Merkle compact range - so that open() checks only what was
/// written since, instead of the whole log (`verify` remains the full check). It is the JCS of
/// `{"checkpointsBytes","compactRange","eventsBytes","lastHash","note"}` and "\n", written durably
/// at create, open and close only (so after a crash it is that of the last open: open then checks
/// more). When it is missing (a writer from before it existed), unreadable, or not consistent with
/// the store, open() checks the whole log.
///
/// `last-checkpoint` is written by rename of a temporary file (mode 0600), with the same cadence
/// as the `checkpoint` file: per published checkpoint without fsync, durably at create, open and
/// close. After a power loss it may therefore lag the store by the checkpoints published since
/// the system last wrote it back (a few seconds); a lagging memory is still a prefix of the log, so
/// open() accepts it, and a rollback within that window goes undetected. It never leads what
/// callers were told.
///
/// A missing memory (a store from before it existed, or secrets moved) is recreated from the
/// store's own latest checkpoint at open: that open trusts the store, as every open did before.
struct CheckpointMemory: Sendable {
    /// The signed checkpoint note last published.
    var note: String
    /// Where the log stood at that or an earlier published checkpoint; nil when not remembered.
    var resume: ResumePoint?

    /// The note's body, parsed once (nil if the note is not a checkpoint).
    var checkpoint: Checkpoint?

    /// The size of the remembered checkpoint (0 if its note is not a checkpoint).
    var size: Int64 { checkpoint?.size ?? 0 }

    /// The memory of `note`, whose body is `checkpoint` (parsed from the note when not given).
    init(note: String, resume: ResumePoint?, checkpoint: Checkpoint? = nil) {
        self.note = note
        self.resume = resume
        self.checkpoint = checkpoint ?? Checkpoint(ofNote: note)
    }

    /// What the writer needs to continue after the remembered checkpoint without rereading the log.
    struct ResumePoint: Sendable, Hashable {
        /// The signed checkpoint note it describes.
        var note: String
        /// Bytes of `events.jsonl` the checkpoint covers (where its last entry's line ends).
        var eventsBytes: Int64
        /// Bytes of `checkpoints.jsonl` up to and including the checkpoint's own line.
        var checkpointsBytes: Int64
        /// The hash of the checkpoint's last entry.
        var lastHash: SHA256Digest
        /// The Merkle compact range of the checkpoint's entries (`MerkleAccumulator.peaks`; its size
        /// is the checkpoint's).
        var peaks: [SHA256Digest]
    }

    /// Reads the remembered checkpoint; `nil` if there is none.
    static func read(_ location: StoreLocation) throws -> CheckpointMemory? {
        let path = location.lastCheckpointURL.path
        guard let bytes = try readSmallFile(path) else { return nil }
        let note = String(decoding: bytes, as: UTF8.self)
        // The resume point is an optimisation: anything wrong with it means a full check.
        guard let resumeBytes = try? readSmallFile(location.resumePointPath),
            resumeBytes.last == UInt8(ascii: "\n"),
            let members = (try? JSONValue.parse(resumeBytes.dropLast()))?.objectValue
        else { return CheckpointMemory(note: note, resume: nil) }
        return CheckpointMemory(note: note, resume: ResumePoint(members))
    }

    /// The contents of a file of at most 64 KiB; nil if it does not exist.
    private static func readSmallFile(_ path: String) throws -> [UInt8]? {
        guard let file = try POSIXFile.openForReadingIfPresent(path) else { return nil }
        let size = try file.size()
        guard size <= 64 * 1024 else {
            throw LogStoreError(
                code: LogStoreError.rolledBackCode, reason: "the writer's memory file is not a checkpoint note",
                location: path)
        }
        return try file.read(count: Int(size), at: 0)
    }

    /// Replaces the remembered checkpoint atomically (temporary file, rename); with `durable`,
    /// fsyncs the files and the secrets directory, and replaces the resume point too (or removes
    /// it when there is none). Creates the secrets directory (mode 0700) if missing.
    func record(in location: StoreLocation, durable: Bool) throws {
        let directory = location.secretsURL.path
        if !POSIXFile.isDirectory(directory) {
            try StoreLocation.makeDirectoryTree(POSIXFile.parentPath(of: directory))
            _ = try POSIXFile.makeDirectory(directory, mode: 0o700)
        }
        try Self.replace(StoreLocation.lastCheckpointFileName, in: directory, with: Array(note.utf8), durable: durable)
        guard durable else { return }
        if let resume {
            try Self.replace(StoreLocation.resumePointFileName, in: directory, with: resume.encoded(), durable: true)
        } else {
            POSIXFile.removeIfPresent(location.resumePointPath)
        }
        try POSIXFile.syncDirectory(directory)
    }

    /// Writes `bytes` to a temporary file (mode 0600) in `directory` and renames it over `name`.
    private static func replace(_ name: String, in directory: String, with bytes: [UInt8], durable: Bool) throws {
        let temporary = directory + "/." + name + ".tmp"
        let path = directory + "/" + name
        let file = try POSIXFile.open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: 0o600)
        try file.write(bytes, at: 0)
        if durable { try file.syncData() }
        try POSIXFile.rename(temporary, to: path)
    }
}

extension CheckpointMemory.ResumePoint {
    /// The `last-checkpoint.resume` file's bytes for the checkpoint `note`.
    func encoded() -> [UInt8] {
        let members: [String: JSONValue] = [
            "note": .string(note),
            "eventsBytes": .integer(eventsBytes),
            "checkpointsBytes": .integer(checkpointsBytes),
            "lastHash": .string(lastHash.hex),
            "compactRange": .array(peaks.map { .string($0.hex) }),
        ]
        var bytes = JSONValue.object(members).canonicalBytes()
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// The resume point in a memory file's members; nil if any is missing or malformed (open then
    /// checks the whole log).
    fileprivate init?(_ members: [String: JSONValue]) {
        guard let note = members["note"]?.stringValue,
            let eventsBytes = members["eventsBytes"]?.integerValue, eventsBytes > 0,
            let checkpointsBytes = members["checkpointsBytes"]?.integerValue, checkpointsBytes > 0,
            let lastHex = members["lastHash"]?.stringValue, let lastHash = SHA256Digest(hex: lastHex),
            let peakValues = members["compactRange"]?.arrayValue
        else { return nil }
        var peaks: [SHA256Digest] = []
        for value in peakValues {
            guard let hex = value.stringValue, let peak = SHA256Digest(hex: hex) else { return nil }
            peaks.append(peak)
        }
        self.init(note: note, eventsBytes: eventsBytes, checkpointsBytes: checkpointsBytes, lastHash: lastHash, peaks: peaks)
    }
}
