/// Where one entry's line is in `events.jsonl`: its first byte and its length without the `"\n"`.
///
/// An application that folds the whole log can keep one per seq and later read any entry with a
/// single `pread` (``LogReader/entries(at:)``) instead of bisecting the file for it.
public struct EntryLocation: Sendable, Hashable {
    /// The 0-based byte offset of the line's first byte.
    public var offset: Int64
    /// The line's length in bytes, without the terminating `"\n"`.
    public var length: Int

    /// A line of `length` bytes starting at `offset`.
    public init(offset: Int64, length: Int) {
        self.offset = offset
        self.length = length
    }

    /// The offset just past the line's `"\n"`: where the next line starts.
    public var nextOffset: Int64 { offset + Int64(length) + 1 }
}

extension LogReader {
    /// Calls `body` with each entry with `from <= seq <= through` and where its line is, in
    /// order; otherwise as ``forEachEntry(from:through:scope:_:)``.
    public func forEachLocatedEntry(
        from: Int64 = 0,
        through: Int64? = nil,
        scope: LogReadScope = .acknowledged,
        _ body: (LogEntry, EntryLocation) throws -> Void
    ) throws {
        var decoder = LogEntryDecoder()
        try forEachLine(from: from, through: through, scope: scope) { line in
            try body(
                try Self.entry(line.bytes, offset: line.offset, decoder: &decoder),
                EntryLocation(offset: line.offset, length: line.bytes.count))
        }
    }

    /// Calls `body` with each complete line holding an entry with `from <= seq <= through`, in
    /// order, unparsed: for a reader that decodes lines itself (for example on several threads).
    /// The line's bytes are valid only during the call.
    public func forEachLine(
        from: Int64 = 0, through: Int64? = nil, scope: LogReadScope = .acknowledged, _ body: (LineReader.Line) throws -> Void
    ) throws {
        let snapshot = try Snapshot(reader: self, scope: scope)
        let (start, end) = try snapshot.byteRange(from: from, through: through)
        guard start < end else { return }
        struct Done: Error {}
        do {
            try LineReader(path: location.eventsPath, startOffset: start).forEachLine { line in
                guard line.offset < end else { throw Done() }
                try body(line)
            }
        } catch is Done {
            return
        } catch let error as LineReadError {
            throw LogStoreError(
                code: LogStoreError.ioCode, reason: "reading events.jsonl failed: \(error)",
                location: location.eventsPath)
        }
    }

    /// The entries whose lines are at `locations`, in the order given, with one `pread` per run of
    /// adjacent lines.
    ///
    /// Each location must be one the log gave (``forEachLocatedEntry(from:through:scope:_:)``, or
    /// the running sum of line lengths from there); a location that does not hold a whole line
    /// (no `"\n"` right after it, or bytes that are not an entry) throws `store.corrupt` naming the
    /// offset. Reads whatever the file holds, acknowledged or not: the caller chooses the seqs.
    public func entries(at locations: [EntryLocation]) throws -> [LogEntry] {
        guard !locations.isEmpty else { return [] }
        guard let file = try POSIXFile.openForReadingIfPresent(location.eventsPath) else {
            throw LogStoreError(code: LogStoreError.notFoundCode, reason: "no events.jsonl", location: location.eventsPath)
        }
        var entries: [LogEntry] = []
        entries.reserveCapacity(locations.count)
        var decoder = LogEntryDecoder()
        var buffer: [UInt8] = []
        var index = 0
        while index < locations.count {
            // One read for a run of lines that follow each other in the file.
            var last = index
            while last + 1 < locations.count, locations[last + 1].offset == locations[last].nextOffset { last += 1 }
            let first = locations[index].offset
            let count = Int(locations[last].nextOffset - first)
            buffer = try file.read(count: count, at: first)
            try buffer.withUnsafeBytes { raw in
                for location in locations[index...last] {
                    let start = Int(location.offset - first)
                    let newline = start + location.length
                    guard location.length > 0, newline < raw.count, raw[newline] == UInt8(ascii: "\n") else {
                        throw LogStoreError.corrupt(
                            "no whole line of \(location.length) bytes here", location: "events.jsonl offset \(location.offset)")
                    }
                    let line = UnsafeRawBufferPointer(rebasing: raw[start..<newline])
                    entries.append(try Self.entry(line, offset: location.offset, decoder: &decoder))
                }
            }
            index = last + 1
        }
        return entries
    }

    /// Parses one line read at `offset`, or throws `store.corrupt` naming the offset.
    static func entry(_ bytes: UnsafeRawBufferPointer, offset: Int64, decoder: inout LogEntryDecoder) throws -> LogEntry {
        do {
            return try decoder.decode(line: bytes)
        } catch {
            throw LogStoreError(
                code: LogStoreError.corruptCode, reason: "not a valid entry: \(error)", location: "events.jsonl offset \(offset)")
        }
    }
}
