import LogCrypto

/// A checkpoint whose signature verified, waiting for the log to reach its size.
struct Commitment: Sendable {
    /// The number of entries it covers.
    var size: Int64
    /// The Merkle root it signs.
    var root: SHA256Digest
    /// Its 1-based line in checkpoints.jsonl (0 for the saved checkpoint).
    var line: Int64
}

/// Reads checkpoints.jsonl one checkpoint at a time, as the log's verification reaches each size:
/// every line is the canonical `{"note":"<signed note>"}`, every note is signed by the trusted key
/// and is a checkpoint for the log's origin, and sizes never decrease.
///
/// The reading thread decodes and opens each note ahead of use, on every core (Ed25519
/// verification, about 60 us, is the cost of a checkpoint, and a store committed one event at a
/// time has a checkpoint per entry); only checkpoints in flight are held, so memory stays bounded
/// however many were issued. Small chunks let the log's check start after a few notes, not a
/// megabyte of them.
final class CheckpointHistory {
    static let fileName = StoreFiles.checkpoints
    /// Bytes of checkpoints.jsonl per chunk: about 280 notes of the usual 230 bytes.
    static let chunkSize = 64 << 10
    /// Chunks read ahead: about 1,700 notes beyond the one being matched, a few milliseconds of
    /// signature checks; at most 12 MiB even if every line were as long as a line may be.
    static let depth = 6

    private let lines: LineStream<CheckpointRecord>

    /// The next checkpoint not yet matched against the log, if any remain.
    private(set) var pending: Commitment?
    /// The text of the last note read (the `checkpoint` file must equal it).
    private(set) var lastNote: String?
    /// The size of the last checkpoint read.
    private(set) var lastSize: Int64?
    /// The number of checkpoints read.
    private(set) var count: Int64 = 0

    /// Whether only a snapshot of the file is read (a writer is appending to it).
    private let snapshot: Bool

    /// Opens `path`, whose notes must be signed by `key` for `origin`; `nil` if it does not exist.
    /// With `snapshotSize`, only the file's first `snapshotSize` bytes are read, and a last line the
    /// writer had not finished writing by then is left out rather than reported.
    init?(path: String, key: NoteVerifierKey, origin: String, snapshotSize: Int64? = nil) throws(VerificationError) {
        guard
            let lines = try LineStream(
                path: path, readLimit: snapshotSize, chunkSize: Self.chunkSize, depth: Self.depth,
                concurrentPrepare: true, prepare: { CheckpointRecord(line: $0, key: key, origin: origin) })
        else { return nil }
        self.lines = lines
        snapshot = snapshotSize != nil
    }

    /// Reads the next checkpoint into `pending` (`nil` at the end); returns the rule it breaks, if any.
    func advance() throws(VerificationError) -> VerificationFailure? {
        pending = nil
        switch try lines.next() {
        case nil:
            return nil
        case .unterminated where snapshot:
            return nil
        case .unterminated(let offset, _, let number):
            return VerificationFailure(
                check: .checkpointsEncoding, file: Self.fileName, line: number, byteOffset: offset,
                expected: "a line ending in \"\\n\"", found: "an unterminated last line",
                message: "checkpoints.jsonl was cut short or appended to by hand.")
        case .tooLong(let offset, let number):
            return VerificationFailure(
                check: .checkpointsEncoding, file: Self.fileName, line: number, byteOffset: offset,
                expected: "a line of at most \(LineStreamLimits.maxLineLength) bytes", found: "a longer line",
                message: "This is not a checkpoint record.")
        case .line(_, let offset, let number, let record):
            return accept(record, offset: offset, number: number)
        }
    }

    private func accept(_ record: CheckpointRecord, offset: Int64, number: Int64) -> VerificationFailure? {
        func failure(_ check: VerificationCheck, _ expected: String, _ found: String, _ message: String)
            -> VerificationFailure
        {
            VerificationFailure(
                check: check, file: Self.fileName, line: number, byteOffset: offset, expected: expected,
                found: found, message: message)
        }
        switch record {
        case .invalid(let problem):
            return failure(problem.check, problem.expected, problem.found, problem.message)
        case .checkpoint(let checkpoint, let note):
            if let lastSize, checkpoint.size < lastSize {
                return failure(
                    .checkpointsOrder, "size \(lastSize) or more", "size \(checkpoint.size)",
                    "A log only grows, so no checkpoint is smaller than the one before it.")
            }
            lastNote = note
            lastSize = checkpoint.size
            count += 1
            pending = Commitment(size: checkpoint.size, root: checkpoint.rootHash, line: number)
            return nil
        }
    }
}

/// Opening a signed checkpoint note with the trusted key and checking it is for the log's origin.
enum CheckpointNote {
    /// Why a note is not a checkpoint of this log signed by the trusted key.
    struct Problem: Error, Sendable {
        var check: VerificationCheck
        var expected: String
        var found: String
        var message: String
    }

    /// The checkpoint in `note`, if `key` signed it and it names `origin`.
    static func open(
        _ note: String, key: NoteVerifierKey, origin: String, signatureCheck: VerificationCheck = .checkpointsSignature,
        bodyCheck: VerificationCheck = .checkpointsBody
    ) -> Result<Checkpoint, Problem> {
        checkpoint(
            SignedNote.open(note, verifier: key), key: key, origin: origin, signatureCheck: signatureCheck,
            bodyCheck: bodyCheck)
    }

    /// The checkpoint of a note opened as `opening` with `key`, if it names `origin`.
    static func checkpoint(
        _ opening: NoteOpening, key: NoteVerifierKey, origin: String,
        signatureCheck: VerificationCheck = .checkpointsSignature, bodyCheck: VerificationCheck = .checkpointsBody
    ) -> Result<Checkpoint, Problem> {
        let body: String
        switch opening {
        case .verified(let verifiedBody):
            body = verifiedBody
        case .malformed(let reason):
            return .failure(
                Problem(
                    check: signatureCheck, expected: "a C2SP signed note", found: "a malformed note (\(reason))",
                    message: "The checkpoint is not a signed note."))
        case .noSignatureByKey:
            return .failure(
                Problem(
                    check: signatureCheck, expected: "a signature by \(key.name)+\(ASCII.lowercaseHex(key.keyID))",
                    found: "no signature by that key",
                    message:
                        "The checkpoint was not signed by the trusted key: it was forged or re-signed by another key."))
        case .badSignature:
            return .failure(
                Problem(
                    check: signatureCheck,
                    expected: "a valid Ed25519 signature by \(key.name)+\(ASCII.lowercaseHex(key.keyID))",
                    found: "a signature that does not verify",
                    message: "The checkpoint text or its signature was altered after signing."))
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint(parsingBody: body)
        } catch {
            return .failure(
                Problem(
                    check: bodyCheck, expected: "a C2SP checkpoint body (origin, size, base64 root)",
                    found: "\(error)", message: "The signed note is not a checkpoint."))
        }
        guard checkpoint.origin == origin else {
            return .failure(
                Problem(
                    check: bodyCheck, expected: "origin \(origin)", found: "origin \(checkpoint.origin)",
                    message: "The checkpoint belongs to another log."))
        }
        return .success(checkpoint)
    }
}
