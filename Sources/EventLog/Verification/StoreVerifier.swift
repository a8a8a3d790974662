/// Verifies a store directory as an auditor receives it: every line of events.jsonl against format
/// v1, the hash chain and the Merkle tree, every signed checkpoint, and optionally a checkpoint the
/// auditor saved earlier. See docs/format.md for the rules.
///
/// Streams the log with bounded memory (one line, O(log n) tree state, one checkpoint at a time).
/// Integrity problems are reported in the returned `VerificationReport`; only I/O and usage
/// problems throw.
public struct StoreVerifier: Sendable {
    /// Which key checkpoints must be signed by.
    public enum KeyTrust: Sendable, Hashable {
        /// The auditor's own copy of the verifier key, obtained apart from the store. `log.created`
        /// must record the same key, so a store re-created and re-signed under another key fails.
        case pinned(NoteVerifierKey)
        /// The key recorded in `log.created` (not pinned). Detects any change short of rewriting
        /// the whole store: whoever rewrites every entry and re-signs every checkpoint with a key of
        /// their own passes. Pin the key to rule that out.
        case logCreatedKey
    }

    /// The store directory (holding events.jsonl, checkpoint and checkpoints.jsonl).
    public var storeDirectory: String
    /// Which key checkpoints must be signed by.
    public var keyTrust: KeyTrust
    /// A checkpoint the auditor saved earlier, which the log must extend (detects rollback).
    public var savedCheckpoint: SavedCheckpoint?

    /// Creates a verifier for the store at `storeDirectory`.
    public init(storeDirectory: String, keyTrust: KeyTrust = .logCreatedKey, savedCheckpoint: SavedCheckpoint? = nil) {
        self.storeDirectory = storeDirectory
        self.keyTrust = keyTrust
        self.savedCheckpoint = savedCheckpoint
    }

    /// Verifies the store and reports the first failure, or a summary of the intact log.
    ///
    /// - Parameter progress: called about every 16 MiB of events.jsonl read, on the calling thread.
    /// - Throws: `VerificationError` if the store directory or events.jsonl is missing or unreadable.
    public func verify(progress: ((VerificationProgress) -> Void)? = nil) throws(VerificationError)
        -> VerificationReport
    {
        let clock = ContinuousClock()
        let started = clock.now
        let run = try VerificationRun(verifier: self, progress: progress)
        let failure = try run.execute()
        var summary = run.summary
        summary.elapsed = clock.now - started
        return failure.map { .broken($0, summary) } ?? .intact(summary)
    }
}

extension StoreVerifier.KeyTrust {
    /// Pins the verifier key written as `<name>+<8 hex key ID>+<base64(0x01 || public key)>`;
    /// surrounding white space is ignored.
    /// - Throws: `key.invalid` if the text is not such a key.
    public static func pinned(parsing text: String, source: String? = nil) throws(VerificationError) -> Self {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let trimmed = String(text.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
        do {
            return .pinned(try NoteVerifierKey(parsing: trimmed))
        } catch {
            throw VerificationError(code: "key.invalid", reason: "not a verifier key (\(error.reason))", path: source)
        }
    }

    /// Pins the verifier key held in the file at `path` (as `pinned(parsing:)` reads it).
    public static func pinned(contentsOfFile path: String) throws(VerificationError) -> Self {
        guard let bytes = try StoreFiles.readSmallFile(path) else {
            throw VerificationError(code: "input.unreadable", reason: "no such key file", path: path)
        }
        return try pinned(parsing: String(decoding: bytes, as: UTF8.self), source: path)
    }
}

/// A checkpoint note the auditor kept from an earlier verification or publication.
public struct SavedCheckpoint: Sendable, Hashable {
    /// The signed note text (C2SP signed-note format).
    public var note: String
    /// Where it came from, for the report (e.g. its file path).
    public var source: String

    /// Creates a saved checkpoint from its note text.
    public init(note: String, source: String) {
        self.note = note
        self.source = source
    }

    /// Reads a saved checkpoint note from the file at `path`.
    public init(contentsOfFile path: String) throws(VerificationError) {
        guard let bytes = try StoreFiles.readSmallFile(path) else {
            throw VerificationError(code: "input.unreadable", reason: "no such file", path: path)
        }
        self.init(note: String(decoding: bytes, as: UTF8.self), source: path)
    }
}

/// How far verification has read, for a progress display.
public struct VerificationProgress: Sendable, Hashable {
    /// Bytes of events.jsonl read so far.
    public var bytesRead: Int64
    /// The size of events.jsonl when verification started.
    public var totalBytes: Int64
    /// Entries verified so far.
    public var entries: Int64
}
