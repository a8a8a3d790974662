import Dispatch
import LogCrypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The writer's I/O side: makes batches durable and signs the checkpoints that cover them.
///
/// Two stages, each with its own serial queue that orders writes, and a shared concurrent queue
/// for the fdatasyncs, so that the next batch is written while the previous one is still being
/// flushed:
/// 1. events: append the batch's lines to `events.jsonl`, then fdatasync it;
/// 2. checkpoint: sign the checkpoint for a size whose events are durable, append it to
///    `checkpoints.jsonl`, fdatasync, then replace `checkpoint` by rename.
///
/// The writer asks for a checkpoint only after stage 1 finished for every entry it covers, so
/// no checkpoint is ever durable before its events; `checkpoint` is replaced only after the
/// history line for it is durable, and never by an older one. After any I/O error the
/// committer stops writing.
final class BatchCommitter: @unchecked Sendable {
    // Safety: `eventsEnd` and writes to `events` happen only on `eventsQueue`; `historyEnd` and
    // writes to `history` only on `checkpointQueue`; `publishedSize`, `stopped` and the
    // checkpoint file only under `lock`. create/open use the files before the committer is
    // shared.
    private let eventsQueue = DispatchQueue(label: "EventLog.LogWriter.events", qos: .userInitiated)
    private let checkpointQueue = DispatchQueue(label: "EventLog.LogWriter.checkpoint", qos: .userInitiated)
    private let syncQueue = DispatchQueue(
        label: "EventLog.LogWriter.sync", qos: .userInitiated, attributes: .concurrent)
    private let lock = Lock()
    private let location: StoreLocation
    private let origin: String
    private let signer: NoteSigner
    private let events: POSIXFile
    private let history: POSIXFile
    private var eventsEnd: Int64
    private var historyEnd: Int64
    private var publishedSize: Int64 = 0
    private var stopped = false

    /// One batch: the encoded lines and the tree they complete.
    struct Batch: Sendable {
        /// The lines, each ending in "\n", in seq order.
        var lines: [UInt8]
        /// The log size (entry count) after this batch.
        var size: Int64
        /// The Merkle tree root over the first `size` entries.
        var root: SHA256Digest
    }

    init(
        location: StoreLocation, origin: String, signer: NoteSigner,
        events: POSIXFile, eventsEnd: Int64, history: POSIXFile, historyEnd: Int64
    ) {
        self.location = location
        self.origin = origin
        self.signer = signer
        self.events = events
        self.eventsEnd = eventsEnd
        self.history = history
        self.historyEnd = historyEnd
    }

    /// Stage 1: appends the batch's lines to `events.jsonl` (in call order), fdatasyncs, and
    /// calls `completion`.
    func writeEvents(_ batch: Batch, completion: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        eventsQueue.async {
            do {
                try self.checkRunning()
                try self.events.write(batch.lines, at: self.eventsEnd)
                self.eventsEnd += Int64(batch.lines.count)
            } catch {
                self.stop()
                return completion(.failure(error))
            }
            self.syncQueue.async {
                completion(Result { try self.syncing { try self.events.syncData() } })
            }
        }
    }

    /// Stage 2: signs the checkpoint for `size` and `root` (whose events are durable), appends it
    /// to `checkpoints.jsonl` (in call order), fdatasyncs, replaces `checkpoint` unless a newer
    /// one is already there, and calls `completion` with the signed note.
    func recordCheckpoint(
        size: Int64, root: SHA256Digest, completion: @escaping @Sendable (Result<String, any Error>) -> Void
    ) {
        checkpointQueue.async {
            let note: String
            do {
                try self.checkRunning()
                note = self.sign(size: size, root: root)
                let line = CheckpointFiles.historyLine(note: note)
                try self.history.write(line, at: self.historyEnd)
                self.historyEnd += Int64(line.count)
            } catch {
                self.stop()
                return completion(.failure(error))
            }
            self.syncQueue.async {
                completion(
                    Result {
                        try self.syncing { try self.history.syncData() }
                        try self.publish(note: note, size: size, durable: false)
                        return note
                    })
            }
        }
    }

    /// Both stages on the calling thread, with a durable `checkpoint` file; for create/open,
    /// before the committer is shared.
    func commitNow(_ batch: Batch) throws -> String {
        try events.write(batch.lines, at: eventsEnd)
        try events.syncData()
        eventsEnd += Int64(batch.lines.count)
        let note = sign(size: batch.size, root: batch.root)
        let line = CheckpointFiles.historyLine(note: note)
        try history.write(line, at: historyEnd)
        try history.syncData()
        historyEnd += Int64(line.count)
        try publish(note: note, size: batch.size, durable: true)
        return note
    }

    /// Makes the latest `checkpoint` file durable; called by close() once nothing is in flight.
    func finish(latestNote: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            checkpointQueue.async {
                self.lock.withLock {
                    if !self.stopped {
                        try? CheckpointFiles.replaceCheckpoint(note: latestNote, in: self.location, durable: true)
                    }
                }
                continuation.resume()
            }
        }
    }

    private func sign(size: Int64, root: SHA256Digest) -> String {
        signer.sign(body: Checkpoint(origin: origin, size: size, rootHash: root).body)
    }

    /// Replaces `checkpoint` with `note` unless a checkpoint at least as large is already there.
    private func publish(note: String, size: Int64, durable: Bool) throws {
        try lock.withLock {
            guard size > publishedSize else { return }
            try CheckpointFiles.replaceCheckpoint(note: note, in: location, durable: durable)
            publishedSize = size
        }
    }

    private func syncing(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            stop()
            throw error
        }
    }

    private func checkRunning() throws {
        if lock.withLock({ stopped }) {
            throw LogStoreError(
                code: LogStoreError.ioCode, reason: "an earlier write or fdatasync failed", location: location.storePath
            )
        }
    }

    private func stop() {
        lock.withLock { stopped = true }
    }
}

/// A pthread mutex (Foundation-free), for the little state the committer's queues share.
final class Lock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
