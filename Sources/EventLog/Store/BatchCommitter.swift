import Dispatch
import LogCrypto

/// The writer's I/O side: makes batches durable and signs the checkpoints that cover them.
///
/// Two serial dispatch queues form a two-stage pipeline, so the writer actor stays free to stage
/// while batches are written:
/// 1. events: one write and one fdatasync of `events.jsonl` per batch;
/// 2. checkpoint: sign the checkpoint for a size whose events are durable, append it to
///    `checkpoints.jsonl`, fdatasync, then replace `checkpoint` by rename.
///
/// The writer asks for a checkpoint only after stage 1 finished for every entry it covers, so no
/// checkpoint is ever durable before its events. While one checkpoint is recorded, the next
/// batch's events are already being written.
final class BatchCommitter: @unchecked Sendable {
    // Safety: `eventsEnd` and `events` are touched only on `eventsQueue`; `historyEnd`,
    // `history` and the checkpoint file only on `checkpointQueue` (or before the committer is
    // shared, by create/open).
    private let eventsQueue = DispatchQueue(label: "EventLog.LogWriter.events", qos: .userInitiated)
    private let checkpointQueue = DispatchQueue(label: "EventLog.LogWriter.checkpoint", qos: .userInitiated)
    private let location: StoreLocation
    private let origin: String
    private let signer: NoteSigner
    private let events: POSIXFile
    private let history: POSIXFile
    private var eventsEnd: Int64
    private var historyEnd: Int64

    /// One batch: the encoded lines and the tree they complete.
    struct Batch: Sendable {
        /// The lines, each ending in "\n", in seq order.
        var lines: [UInt8]
        /// The log size (entry count) after this batch.
        var size: Int64
        /// The Merkle tree root over the first `size` entries.
        var root: SHA256Digest
    }

    init(location: StoreLocation, origin: String, signer: NoteSigner, events: POSIXFile, eventsEnd: Int64, history: POSIXFile, historyEnd: Int64) {
        self.location = location
        self.origin = origin
        self.signer = signer
        self.events = events
        self.eventsEnd = eventsEnd
        self.history = history
        self.historyEnd = historyEnd
    }

    /// Stage 1: writes the batch's lines to `events.jsonl` and fdatasyncs it.
    func writeEvents(_ batch: Batch) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            eventsQueue.async {
                continuation.resume(with: Result { try self.writeEventsNow(batch) })
            }
        }
    }

    /// Stage 2: signs the checkpoint for `size` and `root` (whose events are durable), appends
    /// it to `checkpoints.jsonl`, fdatasyncs, replaces `checkpoint`; returns the signed note.
    func recordCheckpoint(size: Int64, root: SHA256Digest) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            checkpointQueue.async {
                continuation.resume(with: Result { try self.recordCheckpointNow(size: size, root: root, durableCheckpointFile: false) })
            }
        }
    }

    /// Both stages on the calling thread, with a durable `checkpoint` file; for create/open,
    /// before the committer is shared.
    func commitNow(_ batch: Batch) throws -> String {
        try writeEventsNow(batch)
        return try recordCheckpointNow(size: batch.size, root: batch.root, durableCheckpointFile: true)
    }

    /// Makes the latest `checkpoint` file durable after queued work; called by close().
    func finish(latestNote: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            checkpointQueue.async {
                try? CheckpointFiles.replaceCheckpoint(note: latestNote, in: self.location, durable: true)
                continuation.resume()
            }
        }
    }

    private func writeEventsNow(_ batch: Batch) throws {
        try events.write(batch.lines, at: eventsEnd)
        try events.syncData()
        eventsEnd += Int64(batch.lines.count)
    }

    private func recordCheckpointNow(size: Int64, root: SHA256Digest, durableCheckpointFile: Bool) throws -> String {
        let checkpoint = Checkpoint(origin: origin, size: size, rootHash: root)
        let note = signer.sign(body: checkpoint.body)
        let line = CheckpointFiles.historyLine(note: note)
        try history.write(line, at: historyEnd)
        try history.syncData()
        historyEnd += Int64(line.count)
        try CheckpointFiles.replaceCheckpoint(note: note, in: location, durable: durableCheckpointFile)
        return note
    }
}
