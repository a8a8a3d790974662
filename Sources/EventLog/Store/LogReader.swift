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
/// covered by the latest acknowledged checkpoint) and never reads past it. A reader made with
/// ``init(store:)`` takes that checkpoint from the `checkpoint` file, which the writer replaces
/// just after acknowledging a batch; one from a live writer (``LogWriter/reader``) takes it from
/// the writer, so it sees every entry whose append has returned. Finding a seq or a time bisects on
/// byte offsets, so it costs O(log n) small reads and no start-up scan. Checkpoint signatures
/// are not verified here; that is `verify`'s job.
public struct LogReader: Sendable {
    /// Where the store lives.
    public let location: StoreLocation
    /// The live writer's acknowledgements, for a reader the writer handed out.
    private let acknowledged: AcknowledgedCheckpoint?

    /// A reader for the store at `location`.
    public init(store location: StoreLocation) {
        self.location = location
        self.acknowledged = nil
    }

    /// A reader for the store directory `storeURL`.
    public init(storeURL: URL) {
        self.init(store: StoreLocation(store: storeURL))
    }

    /// A reader that takes the acknowledged extent from a live writer's `acknowledged`.
    init(store location: StoreLocation, acknowledged: AcknowledgedCheckpoint) {
        self.location = location
        self.acknowledged = acknowledged
    }

    /// The latest signed checkpoint, exactly as stored in `checkpoint` (C2SP signed note text), or
    /// for a writer's reader the latest it acknowledged.
    ///
    /// If `checkpoint` is unreadable (torn by a crash before the writer reopened the store), the
    /// note from the last line of `checkpoints.jsonl` is returned instead.
    public func latestCheckpointNote() throws -> String {
        try latest().note
    }

    /// The latest checkpoint's body (origin, size, root), parsed but not signature-checked.
    public func latestCheckpoint() throws -> Checkpoint {
        try latest().checkpoint
    }

    private func latest() throws -> (note: String, checkpoint: Checkpoint) {
        if let current = acknowledged?.current { return current }
        if let file = try POSIXFile.openForReadingIfPresent(location.checkpointPath) {
            let size = try file.size()
            if size <= 64 * 1024 {
                let note = String(decoding: try file.read(count: Int(size), at: 0), as: UTF8.self)
                if let checkpoint = Checkpoint(ofNote: note) { return (note, checkpoint) }
            }
        }
        if let history = try POSIXFile.openForReadingIfPresent(location.checkpointHistoryPath),
            let line = try CheckpointFiles.tail(of: history).lastLine,
            let note = CheckpointFiles.note(fromHistoryLine: line),
            let checkpoint = Checkpoint(ofNote: note)
        {
            return (note, checkpoint)
        }
        throw LogStoreError(
            code: LogStoreError.notFoundCode, reason: "no readable checkpoint", location: location.checkpointPath)
    }

    /// The number of entries the latest checkpoint covers: the acknowledged log's size.
    public func acknowledgedSize() throws -> Int64 {
        try latestCheckpoint().size
    }

    /// Entries with `from <= seq <= through` (through the end of the scope if `through` is nil),
    /// in order.
    public func entries(from: Int64 = 0, through: Int64? = nil, scope: LogReadScope = .acknowledged) throws
        -> LogEntryCursor
    {
        let snapshot = try Snapshot(reader: self, scope: scope)
        let (start, end) = try snapshot.byteRange(from: from, through: through)
        return LogEntryCursor(file: snapshot.file, start: start, end: end, subject: nil)
    }

    /// Calls `body` with each entry with `from <= seq <= through`, in order. Streams with the
    /// format's `LineReader` (1 MiB chunks).
    public func forEachEntry(
        from: Int64 = 0,
        through: Int64? = nil,
        scope: LogReadScope = .acknowledged,
        _ body: (LogEntry) throws -> Void
    ) throws {
        var decoder = LogEntryDecoder()
        try forEachLine(from: from, through: through, scope: scope) { line in
            try body(try Self.entry(line.bytes, offset: line.offset, decoder: &decoder))
        }
    }

    /// The entries whose `subject` is `subject`, in log order. Scans the whole scope, decoding
    /// only matching lines.
    public func entries(forSubject subject: String, scope: LogReadScope = .acknowledged) throws -> LogEntryCursor {
        let snapshot = try Snapshot(reader: self, scope: scope)
        return LogEntryCursor(
            file: snapshot.file, start: 0, end: snapshot.locator.end,
            subject: JSONValue.string(subject).canonicalBytes())
    }

    /// The stored bytes of the lines with `seq <= line seq <= through` (through the end of the
    /// scope if `through` is nil), exactly as in `events.jsonl` (each line JCS followed by "\n"),
    /// for streaming the log to an auditor.
    public func rawLines(
        fromSeq seq: Int64 = 0, through: Int64? = nil, scope: LogReadScope = .acknowledged
    ) throws -> RawLogCursor {
        let snapshot = try Snapshot(reader: self, scope: scope)
        let (start, end) = try snapshot.byteRange(from: seq, through: through)
        return RawLogCursor(file: snapshot.file, start: start, end: end)
    }
}

extension LogReader {
    /// The file and the byte extent one read may use.
    struct Snapshot {
        let file: POSIXFile
        let locator: LineLocator

        init(reader: LogReader, scope: LogReadScope) throws {
            let location = reader.location
            // Read the checkpoint first: the lines it covers were durable before it was written.
            let covered: Int64? = scope == .acknowledged ? try reader.acknowledgedSize() : nil
            guard let file = try POSIXFile.openForReadingIfPresent(location.eventsPath) else {
                throw LogStoreError(
                    code: LogStoreError.notFoundCode, reason: "no events.jsonl", location: location.eventsPath)
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

        /// The bytes of the lines with `from <= seq <= through` (through the snapshot's end if
        /// `through` is nil); empty (start == end) when `through < from`.
        func byteRange(from: Int64, through: Int64?) throws -> (start: Int64, end: Int64) {
            let start = try locator.start(ofSeq: max(0, from))
            guard let through else { return (start, locator.end) }
            return (start, through < from ? start : try locator.start(ofSeq: through + 1))
        }
    }
}
