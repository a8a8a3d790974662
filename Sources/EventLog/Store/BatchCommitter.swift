import Dispatch
import LogCrypto

/// The writer's I/O side: makes one batch durable and signs the checkpoint that covers it.
///
/// All file work runs on one serial dispatch queue, so the writer actor stays free to stage the
/// next batch while this one is written and fsynced. Per batch: one write and one fdatasync of
/// `events.jsonl`, then the signed checkpoint: one append and one fdatasync of
/// `checkpoints.jsonl`, then `checkpoint` replaced by rename. A checkpoint is therefore never
/// durable before the events it covers.
final class BatchCommitter: @unchecked Sendable {
    // Safety: the mutable state (`eventsEnd`, `historyEnd`) and the files are touched only on
    // `queue`, or before the committer is shared.
    private let queue = DispatchQueue(label: "EventLog.LogWriter.io", qos: .userInitiated)
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

    /// Writes `batch` durably on the I/O queue and returns the signed checkpoint note covering it.
    func commit(_ batch: Batch) async throws(LogStoreError) -> String {
        let result: Result<String, LogStoreError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(LogStoreError) in try self.commitNow(batch, durableCheckpointFile: false) })
            }
        }
        return try result.get()
    }

    /// Writes `batch` on the calling thread; for `create`/`open`, before the committer is shared.
    func commitNow(_ batch: Batch, durableCheckpointFile: Bool) throws(LogStoreError) -> String {
        try events.write(batch.lines, at: eventsEnd)
        try events.syncData()
        eventsEnd += Int64(batch.lines.count)

        let checkpoint = Checkpoint(origin: origin, size: batch.size, rootHash: batch.root)
        let note = signer.sign(body: checkpoint.body)
        let line = CheckpointFiles.historyLine(note: note)
        try history.write(line, at: historyEnd)
        try history.syncData()
        historyEnd += Int64(line.count)

        try CheckpointFiles.replaceCheckpoint(note: note, in: location, durable: durableCheckpointFile)
        return note
    }

    /// Makes the latest `checkpoint` file durable and waits for queued work; called by close().
    func finish(latestNote: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                try? CheckpointFiles.replaceCheckpoint(note: latestNote, in: self.location, durable: true)
                continuation.resume()
            }
        }
    }
}
