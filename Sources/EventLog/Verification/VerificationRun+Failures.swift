import LogCrypto

/// The failures a run reports about the store as a whole (line-level ones come from `EntryChain`
/// and `CheckpointHistory`), worded for the auditor.
extension VerificationRun {
    func missingCheckpoint() -> VerificationFailure {
        VerificationFailure(
            check: .checkpointMissing, file: StoreFiles.checkpoint, expected: "the latest signed checkpoint",
            found: "no checkpoint file", message: "Without a signed checkpoint nothing vouches for the log.")
    }

    func missingCheckpointHistory() -> VerificationFailure {
        VerificationFailure(
            check: .checkpointsMissing, file: StoreFiles.checkpoints, expected: "every checkpoint ever issued",
            found: "no checkpoints.jsonl file", message: "The history of signed checkpoints is missing.")
    }

    func noCheckpoint() -> VerificationFailure {
        VerificationFailure(
            check: .checkpointsMissing, file: StoreFiles.checkpoints, line: 1, byteOffset: 0,
            expected: "at least one signed checkpoint", found: "an empty file",
            message: "No checkpoint was ever recorded, so nothing vouches for the log.")
    }

    func emptyLog() -> VerificationFailure {
        VerificationFailure(
            check: .logEmpty, file: StoreFiles.events, line: 1, seq: 0, byteOffset: 0,
            expected: "line 1: log.created", found: "an empty file", message: "The log has no entries.")
    }

    func keyMismatch(_ pinned: NoteVerifierKey, _ recorded: NoteVerifierKey) -> VerificationFailure {
        VerificationFailure(
            check: .keyMismatch, file: StoreFiles.events, line: 1, seq: 0, byteOffset: 0,
            expected: pinned.stringValue, found: recorded.stringValue,
            message: "log.created records another verifier key than the one you pinned: the store was "
                + "created, or re-created and re-signed, under another key.")
    }

    func rootMismatch(_ checkpoint: Commitment, actual: SHA256Digest) -> VerificationFailure {
        let first = proven.size + 1
        let lines = first == checkpoint.size ? "Line \(first)" : "Somewhere in lines \(first) to \(checkpoint.size)"
        let established = proven.size > 0 ? " (the first \(proven.size) match an earlier checkpoint)" : ""
        return VerificationFailure(
            check: .checkpointsRoot, file: StoreFiles.events, line: first, seq: first - 1,
            byteOffset: proven.nextOffset, expected: checkpoint.root.hex, found: actual.hex,
            message: "The first \(checkpoint.size) entries do not hash to the root signed in checkpoint "
                + "\(history?.count ?? 0) (checkpoints.jsonl line \(checkpoint.line))\(established). "
                + "\(lines): an entry differs from the one that was signed, even though the hash links agree.")
    }

    func savedRootMismatch(_ saved: Commitment, actual: SHA256Digest, lineNumber: Int64) -> VerificationFailure {
        VerificationFailure(
            check: .savedRoot, file: StoreFiles.events, line: lineNumber, seq: chain.size - 1,
            byteOffset: chain.lastLineOffset, expected: saved.root.hex, found: actual.hex,
            message: "The first \(saved.size) entries (lines 1 to \(saved.size)) do not hash to the root "
                + "of the checkpoint you saved: the log was rewritten since you saved it.")
    }

    func truncated(before checkpoint: Commitment) -> VerificationFailure {
        VerificationFailure(
            check: .logTruncated, file: StoreFiles.events, line: chain.size + 1, seq: chain.size,
            byteOffset: chain.endOffset, expected: "at least \(checkpoint.size) entries",
            found: "\(chain.size) entries",
            message: "The log ends before the size signed in checkpoints.jsonl line \(checkpoint.line): "
                + "entries were removed from its end.")
    }

    func checkpointDiffers(lastSize: Int64) -> VerificationFailure {
        VerificationFailure(
            check: .checkpointDiffers, file: StoreFiles.checkpoint,
            expected: "the last note of checkpoints.jsonl (size \(lastSize))", found: "a different text",
            message: "The checkpoint file must be a copy of the latest checkpoint issued.")
    }

    func savedBeyondLog(_ saved: Commitment) -> VerificationFailure {
        VerificationFailure(
            check: .savedBeyondLog, file: StoreFiles.events, line: chain.size + 1, seq: chain.size,
            byteOffset: chain.endOffset, expected: "at least \(saved.size) entries (your saved checkpoint)",
            found: "\(chain.size) entries",
            message: "The log is shorter than a checkpoint you saved earlier: it was rolled back to an older "
                + "state, with its checkpoints.")
    }

    func unsignedTailFailure(alsoBroken: VerificationFailure?) -> VerificationFailure {
        let tail = unsignedTail!
        let signed = history?.lastSize ?? 0
        let extra =
            alsoBroken.map { " Line \($0.line ?? 0) after it is also malformed (\($0.check.rawValue))." }
            ?? " The log has \(chain.size - signed) such entries (lines \(tail.line) to \(chain.size))."
        return VerificationFailure(
            check: .logUnsignedTail, file: StoreFiles.events, line: tail.line, seq: tail.seq, byteOffset: tail.offset,
            expected: "\(signed) entries (the size of the latest checkpoint)", found: "more entries",
            message: "No signed checkpoint covers this entry or those after it: anyone could have appended them."
                + extra)
    }

    func partialLineFailure(line: Int64, offset: Int64, byteCount: Int64) -> VerificationFailure {
        VerificationFailure(
            check: .logPartialLine, file: StoreFiles.events, line: line, seq: chain.size, byteOffset: offset,
            expected: "a line ending in \"\\n\"", found: "\(byteCount) bytes with no \"\\n\"",
            message: "events.jsonl ends in the middle of a line: a write was interrupted and not recovered, "
                + "or the file was cut.")
    }

    func tooLongFailure(offset: Int64, number: Int64) -> VerificationFailure {
        VerificationFailure(
            check: .entryEncoding, file: StoreFiles.events, line: number, seq: chain.size, byteOffset: offset,
            expected: "a line of at most \(LineStreamLimits.maxLineLength) bytes", found: "a longer line",
            message: "The line is longer than any entry format v1 allows.")
    }
}
