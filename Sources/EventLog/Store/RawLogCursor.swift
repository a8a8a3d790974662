/// A forward cursor over the stored bytes of a range of lines, for streaming the log as is.
public struct RawLogCursor: Sendable {
    private let file: POSIXFile
    /// The byte offset in `events.jsonl` where the range starts.
    public let startOffset: Int64
    /// The byte offset in `events.jsonl` just past the range's last "\n".
    public let endOffset: Int64
    private var position: Int64

    init(file: POSIXFile, start: Int64, end: Int64) {
        self.file = file
        self.startOffset = start
        self.endOffset = end
        self.position = start
    }

    /// The total number of bytes in the range (for a Content-Length).
    public var byteCount: Int64 { endOffset - startOffset }

    /// The next at most `maxBytes` bytes, or nil at the end. Chunks split lines anywhere; their
    /// concatenation is exactly the stored lines.
    public mutating func nextChunk(maxBytes: Int = 64 * 1024) throws -> [UInt8]? {
        var chunk: [UInt8] = []
        return try readNext(appendingTo: &chunk, maxBytes: maxBytes) ? chunk : nil
    }

    /// Reads the next at most `maxBytes` bytes straight into the end of `buffer`, without an
    /// intermediate copy; false (and `buffer` unchanged) at the end.
    public mutating func readNext(appendingTo buffer: inout [UInt8], maxBytes: Int) throws -> Bool {
        guard position < endOffset else { return false }
        let count = Int(min(Int64(max(1, maxBytes)), endOffset - position))
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: count))
        let got = try buffer[start...].withUnsafeMutableBytes { try file.read(into: $0, at: position) }
        buffer.removeLast(count - got)
        if got == 0 {
            throw LogStoreError(
                code: LogStoreError.ioCode, reason: "events.jsonl shrank while being read",
                location: "events.jsonl offset \(position)")
        }
        position += Int64(got)
        return true
    }
}
