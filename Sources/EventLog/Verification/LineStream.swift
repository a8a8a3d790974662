#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads a file's "\n"-terminated lines through one reusable buffer: memory stays bounded by the
/// longest line, whatever the file's length, and lines are handed out without copying.
final class LineStream {
    /// The longest line (without its "\n") the stream hands out; longer lines are reported instead.
    static let maxLineLength = 4 << 20
    private static let chunkSize = 1 << 20

    /// One item of the file, in order.
    enum Item {
        /// A complete line without its "\n", valid until the next call to `next()`.
        /// `offset` is the 0-based byte offset of its first byte, `number` its 1-based line number.
        case line(UnsafeRawBufferPointer, offset: Int64, number: Int64)
        /// The file ends with `byteCount` bytes that no "\n" terminates.
        case unterminated(offset: Int64, byteCount: Int64, number: Int64)
        /// A line longer than `maxLineLength`; the stream stops there.
        case tooLong(offset: Int64, number: Int64)
    }

    /// The path, for errors.
    let path: String
    /// The file's size when it was opened, in bytes.
    let fileSize: Int64

    private let descriptor: Int32
    private var buffer: UnsafeMutableRawBufferPointer
    /// Valid bytes are `buffer[start..<end]`; no "\n" lies in `buffer[start..<searched]`.
    private var start = 0
    private var searched = 0
    private var end = 0
    /// The file offset of `buffer[0]`.
    private var bufferOffset: Int64 = 0
    private var lineNumber: Int64 = 0
    private var reachedEnd = false
    private var finished = false

    /// Opens `path` for reading; `nil` if it does not exist.
    init?(path: String) throws(VerificationError) {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT { return nil }
            throw VerificationError(code: "input.unreadable", reason: Self.describe(errno: code), path: path)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw VerificationError(code: "input.unreadable", reason: "not a regular file", path: path)
        }
        self.descriptor = descriptor
        self.fileSize = Int64(status.st_size)
        self.buffer = .allocate(byteCount: Self.chunkSize, alignment: 16)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// The bytes handed out so far, through the end of the last line returned.
    var bytesConsumed: Int64 { bufferOffset + Int64(start) }

    /// The next line, or a final unterminated or overlong stretch, or `nil` at the end.
    func next() throws(VerificationError) -> Item? {
        guard !finished else { return nil }
        while true {
            if searched < end, let base = buffer.baseAddress,
                let newline = memchr(base + searched, Int32(ASCII.newline), end - searched)
            {
                let lineEnd = base.distance(to: newline)
                let lineStart = start
                lineNumber += 1
                start = lineEnd + 1
                searched = start
                guard lineEnd - lineStart <= Self.maxLineLength else {
                    finished = true
                    return .tooLong(offset: bufferOffset + Int64(lineStart), number: lineNumber)
                }
                let line = UnsafeRawBufferPointer(rebasing: buffer[lineStart..<lineEnd])
                return .line(line, offset: bufferOffset + Int64(lineStart), number: lineNumber)
            }
            searched = end
            if end - start > Self.maxLineLength {
                finished = true
                return .tooLong(offset: bufferOffset + Int64(start), number: lineNumber + 1)
            }
            if reachedEnd {
                finished = true
                guard start < end else { return nil }
                return .unterminated(
                    offset: bufferOffset + Int64(start), byteCount: Int64(end - start), number: lineNumber + 1)
            }
            try fill()
        }
    }

    /// Everything not yet handed out, up to the end of the file (for small files only).
    func readRemainder() throws(VerificationError) -> [UInt8] {
        while !reachedEnd {
            try fill()
        }
        let bytes = Array(buffer[start..<end])
        start = end
        searched = end
        finished = true
        return bytes
    }

    /// Moves the unread bytes to the front, grows the buffer if a line needs it, reads a chunk.
    private func fill() throws(VerificationError) {
        if start > 0 {
            let unread = end - start
            if unread > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: unread) }
            bufferOffset += Int64(start)
            searched -= start
            end = unread
            start = 0
        }
        if buffer.count - end < Self.chunkSize / 2 {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            grown.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = grown
        }
        while true {
            let count = read(descriptor, buffer.baseAddress! + end, buffer.count - end)
            if count > 0 {
                end += count
                return
            }
            if count == 0 {
                reachedEnd = true
                return
            }
            let code = errno
            if code != EINTR {
                throw VerificationError(code: "input.unreadable", reason: Self.describe(errno: code), path: path)
            }
        }
    }

    /// A short reason for an `errno` value.
    static func describe(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "permission denied"
        case ENOENT: "no such file"
        case EISDIR: "is a directory"
        default: String(cString: strerror(code))
        }
    }
}
