#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the lines of a JSONL file in chunks, with memory bounded by the chunk size and the
/// longest line, never loading the whole file.
///
/// Lines are handed to a closure as slices of the read buffer, without copying. A final line
/// that lacks its `"\n"` (for example an append cut short by a crash) is not a line: it is
/// reported as the `PartialTail` result.
public struct LineReader: Sendable {
    /// One complete line. `bytes` excludes the `"\n"` and is valid only during the closure call.
    public struct Line {
        /// The line's bytes, without the terminating `"\n"`.
        public let bytes: UnsafeRawBufferPointer
        /// The 0-based byte offset of the line's first byte in the file.
        public let offset: Int64
        /// The 1-based line number (counting from `firstLineNumber`).
        public let number: Int64
    }

    /// Bytes after the last `"\n"` of the file.
    public struct PartialTail: Sendable, Hashable {
        /// The 0-based byte offset where the unterminated line starts.
        public let offset: Int64
        /// Its length in bytes.
        public let length: Int
        /// The line number it would have had.
        public let number: Int64

        /// Describes an unterminated tail.
        public init(offset: Int64, length: Int, number: Int64) {
            self.offset = offset
            self.length = length
            self.number = number
        }
    }

    /// The file read.
    public let path: String
    /// Bytes requested per `read(2)`; the default is 1 MiB.
    public let chunkSize: Int
    /// Where reading starts: 0, or the offset of a line start (e.g. from an index).
    public let startOffset: Int64
    /// The number given to the first line read.
    public let firstLineNumber: Int64
    /// Longer lines make reading fail with `line.tooLong` rather than exhaust memory.
    public let maximumLineLength: Int

    /// A reader of the file at `path`, starting at `startOffset` (a line start), numbering the
    /// first line read `firstLineNumber`.
    public init(
        path: String, chunkSize: Int = 1 << 20, startOffset: Int64 = 0, firstLineNumber: Int64 = 1,
        maximumLineLength: Int = 64 << 20
    ) {
        precondition(chunkSize > 0 && maximumLineLength > 0 && startOffset >= 0, "invalid LineReader parameters")
        self.path = path
        self.chunkSize = chunkSize
        self.startOffset = startOffset
        self.firstLineNumber = firstLineNumber
        self.maximumLineLength = maximumLineLength
    }

    /// Calls `body` for each complete line in file order; returns the unterminated tail, if any.
    /// Stop early by throwing from `body`; the error is rethrown. I/O failures throw `LineReadError`.
    @discardableResult
    public func forEachLine(_ body: (Line) throws -> Void) throws -> PartialTail? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LineReadError.system("io.open", "cannot open the file", errno: errno) }
        defer { close(descriptor) }
        if startOffset > 0 {
            guard lseek(descriptor, off_t(startOffset), SEEK_SET) == off_t(startOffset) else {
                throw LineReadError.system("io.seek", "cannot seek to the start offset", errno: errno)
            }
        }

        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var bufferOffset = startOffset  // file offset of buffer[0]
        var filled = 0  // valid bytes in buffer
        var lineStart = 0  // start of the current, unfinished line in buffer
        var number = firstLineNumber

        while true {
            // Keep the unfinished line, move it to the front, and make room for the next chunk.
            if lineStart > 0 {
                let remaining = filled - lineStart
                if remaining > 0 {
                    buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + lineStart, byteCount: remaining)
                }
                bufferOffset += Int64(lineStart)
                filled = remaining
                lineStart = 0
            }
            if filled == buffer.count {
                // One line fills the whole buffer: grow it, within the limit.
                guard filled < maximumLineLength else {
                    throw LineReadError(
                        code: "line.tooLong", reason: "a line exceeds \(maximumLineLength) bytes", offset: bufferOffset)
                }
                let grown = UnsafeMutableRawBufferPointer.allocate(
                    byteCount: min(buffer.count * 2, maximumLineLength + 1), alignment: 16)
                grown.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: filled)
                buffer.deallocate()
                buffer = grown
            }

            let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if count < 0 {
                if errno == EINTR { continue }
                throw LineReadError.system("io.read", "read failed", errno: errno, offset: bufferOffset + Int64(filled))
            }
            if count == 0 { break }

            let base = buffer.baseAddress!
            var scan = filled
            let end = filled + count
            while scan < end, let found = memchr(base + scan, 0x0A, end - scan) {
                let newline = base.distance(to: found)
                try body(
                    Line(
                        bytes: UnsafeRawBufferPointer(start: base + lineStart, count: newline - lineStart),
                        offset: bufferOffset + Int64(lineStart), number: number))
                number += 1
                lineStart = newline + 1
                scan = lineStart
            }
            filled = end
        }
        guard lineStart < filled else { return nil }
        return PartialTail(offset: bufferOffset + Int64(lineStart), length: filled - lineStart, number: number)
    }
}
