public import Foundation

/// Which lines of `events.jsonl` a read covers.
public enum LogReadScope: Sendable, Hashable {
    /// Only entries covered by the latest checkpoint: the acknowledged log (the default).
    case acknowledged
    /// Every complete line, including entries written but not yet covered by a checkpoint
    /// (which crash recovery may still set aside). A partial final line is always ignored.
    case allCompleteLines
}

/// Reads a store without taking its lock: streaming, with bounded memory, while a writer may be
/// appending.
///
/// Each call takes a snapshot of the log's extent when it starts (by default the entries
/// covered by the `checkpoint` file) and never reads past it. Finding a seq or a time bisects on
/// byte offsets, so it costs O(log n) small reads and no start-up scan. Checkpoint signatures
/// are not verified here; that is `verify`'s job.
public struct LogReader: Sendable {
    /// Where the store lives.
    public let location: StoreLocation

    /// A reader for the store at `location`.
    public init(store location: StoreLocation) {
        self.location = location
    }

    /// A reader for the store directory `storeURL`.
    public init(storeURL: URL) {
        self.location = StoreLocation(store: storeURL)
    }

    /// The latest signed checkpoint, exactly as stored in `checkpoint` (C2SP signed note text).
    public func latestCheckpointNote() throws -> String {
        guard let file = try POSIXFile.openForReadingIfPresent(location.checkpointPath) else {
            throw LogStoreError(code: LogStoreError.notFoundCode, reason: "no checkpoint file", location: location.checkpointPath)
        }
        let size = try file.size()
        guard size <= 64 * 1024 else {
            throw LogStoreError(code: LogStoreError.corruptCode, reason: "the checkpoint file is too large", location: location.checkpointPath)
        }
        return String(decoding: try file.read(count: Int(size), at: 0), as: UTF8.self)
    }

    /// The latest checkpoint's body (origin, size, root), parsed but not signature-checked.
    public func latestCheckpoint() throws -> Checkpoint {
        let note = try latestCheckpointNote()
        guard let blank = note.range(of: "\n\n"),
              let checkpoint = try? Checkpoint(parsingBody: String(note[..<blank.lowerBound]) + "\n")
        else {
            throw LogStoreError(code: LogStoreError.corruptCode, reason: "the checkpoint file is not a signed checkpoint", location: location.checkpointPath)
        }
        return checkpoint
    }

    /// The number of entries the latest checkpoint covers: the acknowledged log's size.
    public func acknowledgedSize() throws -> Int64 {
        try latestCheckpoint().size
    }

    /// Entries with `from <= seq <= through` (through the end of the scope if `through` is nil),
    /// in order.
    public func entries(from: Int64 = 0, through: Int64? = nil, scope: LogReadScope = .acknowledged) throws -> LogEntryCursor {
        let snapshot = try Snapshot(location: location, scope: scope)
        let start = try snapshot.locator.start(ofSeq: max(0, from))
        var end = snapshot.locator.end
        if let through {
            end = through < from ? start : try snapshot.locator.start(ofSeq: through + 1)
        }
        return LogEntryCursor(file: snapshot.file, start: start, end: end, subject: nil)
    }

    /// Calls `body` with each entry with `from <= seq <= through`, in order.
    public func forEachEntry(
        from: Int64 = 0,
        through: Int64? = nil,
        scope: LogReadScope = .acknowledged,
        _ body: (LogEntry) throws -> Void
    ) throws {
        let cursor = try entries(from: from, through: through, scope: scope)
        while let entry = try cursor.next() { try body(entry) }
    }

    /// The entries whose `subject` is `subject`, in log order. Scans the whole scope, decoding
    /// only matching lines.
    public func entries(forSubject subject: String, scope: LogReadScope = .acknowledged) throws -> LogEntryCursor {
        let snapshot = try Snapshot(location: location, scope: scope)
        return LogEntryCursor(file: snapshot.file, start: 0, end: snapshot.locator.end, subject: JSONValue.string(subject).canonicalBytes())
    }

    /// The stored bytes of every line from `seq` to the end of the scope, exactly as in
    /// `events.jsonl` (each line JCS followed by "\n"), for streaming the log to an auditor.
    public func rawLines(fromSeq seq: Int64 = 0, scope: LogReadScope = .acknowledged) throws -> RawLogCursor {
        let snapshot = try Snapshot(location: location, scope: scope)
        let start = try snapshot.locator.start(ofSeq: max(0, seq))
        return RawLogCursor(file: snapshot.file, start: start, end: snapshot.locator.end)
    }
}

extension LogReader {
    /// The file and the byte extent one read may use.
    struct Snapshot {
        let file: POSIXFile
        let locator: LineLocator

        init(location: StoreLocation, scope: LogReadScope) throws {
            // Read the checkpoint first: the lines it covers were durable before it was written.
            let covered: Int64? = scope == .acknowledged ? try LogReader(store: location).acknowledgedSize() : nil
            guard let file = try POSIXFile.openForReadingIfPresent(location.eventsPath) else {
                throw LogStoreError(code: LogStoreError.notFoundCode, reason: "no events.jsonl", location: location.eventsPath)
            }
            let tail = try CheckpointFiles.tail(of: file)
            let complete = LineLocator(file: file, end: tail.completeLength)
            self.file = file
            if let covered {
                self.locator = LineLocator(file: file, end: try complete.start(ofSeq: covered))
            } else {
                self.locator = complete
            }
        }
    }
}
