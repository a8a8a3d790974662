/// A forward cursor over entries of `events.jsonl`: reads in chunks, decodes one line at a time.
public final class LogEntryCursor {
    private let lines: LineCursor
    /// JCS bytes of the wanted subject (with quotes), when filtering by subject.
    private let subject: [UInt8]?

    init(file: POSIXFile, start: Int64, end: Int64, subject: [UInt8]?) {
        self.lines = LineCursor(file: file, start: start, end: end)
        self.subject = subject
    }

    /// The next entry, or nil at the end of the range.
    ///
    /// Throws `store.corrupt` naming the byte offset if a line is not a valid entry.
    public func next() throws -> LogEntry? {
        while let (line, offset) = try lines.next() {
            if let subject {
                let matches = line.withUnsafeBytes { raw -> Bool in
                    guard let range = EntrySkim(raw)?.subjectRange(in: raw) else { return false }
                    return UnsafeRawBufferPointer(rebasing: raw[range]).elementsEqual(subject)
                }
                if !matches { continue }
            }
            do {
                return try LogEntry(line: line)
            } catch {
                throw LogStoreError(
                    code: LogStoreError.corruptCode, reason: "not a valid entry: \(error)",
                    location: "events.jsonl offset \(offset)")
            }
        }
        return nil
    }

    /// Reads every remaining entry into an array.
    public func collect() throws -> [LogEntry] {
        var all: [LogEntry] = []
        while let entry = try next() { all.append(entry) }
        return all
    }
}

/// Pull-based chunked reading of the complete lines in a byte range. (`LineReader` hands lines to
/// a closure, which a cursor the caller advances at its own pace cannot use.)
final class LineCursor {
    private let file: POSIXFile
    private let end: Int64
    private var position: Int64
    private var buffer: [UInt8] = []
    private var bufferStart: Int64
    private var consumed = 0

    init(file: POSIXFile, start: Int64, end: Int64) {
        self.file = file
        self.end = end
        self.position = start
        self.bufferStart = start
    }

    /// The next line (without "\n") and its offset; nil when no complete line remains.
    func next() throws -> (line: [UInt8], offset: Int64)? {
        var searchFrom = consumed
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[consumed..<newline])
                let offset = bufferStart + Int64(consumed)
                consumed = newline + 1
                return (line, offset)
            }
            guard position < end else { return nil }
            searchFrom = buffer.count - consumed
            buffer.removeFirst(consumed)
            bufferStart += Int64(consumed)
            consumed = 0
            let chunk = try file.read(count: Int(min(256 * 1024, end - position)), at: position)
            if chunk.isEmpty { return nil }
            buffer.append(contentsOf: chunk)
            position += Int64(chunk.count)
        }
    }
}
