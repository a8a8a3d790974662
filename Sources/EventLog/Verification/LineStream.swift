import Dispatch
import Foundation

#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Reads a file's "\n"-terminated lines in order, with a second thread reading ahead: it reads
/// chunks (1 MiB by default), splits them into lines and runs `prepare` on each (for events.jsonl:
/// the entry hash; for checkpoints.jsonl: opening the signed note), while the caller checks the
/// lines of an earlier chunk. Hashing and signature checks are most of verification's work, so on
/// two cores this nearly halves the time; on one core it costs only a little synchronisation.
///
/// With `concurrentPrepare`, the lines of a chunk are prepared on all cores (for Ed25519
/// verification, about 60 us a line, which would otherwise leave the caller waiting). Each result
/// is stored at its line's index, so the caller sees exactly what a serial run would, in order.
///
/// Memory stays bounded whatever the file's length: at most `depth` chunks are in flight, each
/// `chunkSize` bytes or twice the longest line. Lines are handed out without copying.
final class LineStream<Prepared: Sendable> {
    /// One item of the file, in order.
    enum Item {
        /// A complete line without its "\n", valid until the next call to `next()`. `offset` is the
        /// 0-based byte offset of its first byte, `number` its 1-based line number, `prepared` what
        /// `prepare` made of it.
        case line(UnsafeRawBufferPointer, offset: Int64, number: Int64, prepared: Prepared)
        /// The file ends with `byteCount` bytes that no "\n" terminates.
        case unterminated(offset: Int64, byteCount: Int64, number: Int64)
        /// A line longer than `LineStreamLimits.maxLineLength`; the stream stops there.
        case tooLong(offset: Int64, number: Int64)
    }

    /// The path, for errors.
    let path: String
    /// The file's size when it was opened, in bytes.
    let fileSize: Int64

    private let queue: ChunkQueue<Prepared>
    private var chunk: Chunk<Prepared>?
    private var lineIndex = 0
    private var finished = false
    private(set) var bytesConsumed: Int64 = 0

    /// Opens `path` and starts reading ahead, running `prepare` on each line on the reading
    /// thread (on every core with `concurrentPrepare`); `nil` if the file does not exist. With
    /// `readLimit`, only the file's first `readLimit` bytes are read (a snapshot of a file a writer
    /// is appending to). `chunkSize` is in bytes; `depth` is the number of chunks read ahead.
    init?(
        path: String, readLimit: Int64? = nil, chunkSize: Int = LineStreamLimits.chunkSize,
        depth: Int = LineStreamLimits.depth, concurrentPrepare: Bool = false,
        prepare: @escaping @Sendable (UnsafeRawBufferPointer) -> Prepared
    ) throws(VerificationError) {
        self.path = path
        queue = ChunkQueue<Prepared>(depth: depth)
        let file: POSIXFile
        do {
            guard let opened = try POSIXFile.openForReadingIfPresent(path) else { return nil }
            guard try opened.isRegularFile() else {
                throw VerificationError(code: "input.unreadable", reason: "not a regular file", path: path)
            }
            file = opened
            fileSize = min(try file.size(), readLimit ?? .max)
        } catch {
            throw StoreFiles.unreadable(error, path: path)
        }
        let reader = ChunkReader(
            file: file, end: readLimit == nil ? nil : fileSize, chunkSize: chunkSize,
            buffers: BufferPool(byteCount: chunkSize, capacity: depth + 2),
            concurrentPrepare: concurrentPrepare, prepare: prepare, queue: queue)
        // A thread of its own, not a shared pool: the caller blocks while waiting for chunks, and
        // may itself run on a pool thread (an async caller), which must not starve the reader.
        let thread = Thread { reader.run() }
        thread.name = "verify: read ahead"
        thread.start()
    }

    deinit {
        queue.stop()
        queue.producerFinished.wait()
    }

    /// The next line, or a final unterminated or overlong stretch, or `nil` at the end.
    func next() throws(VerificationError) -> Item? {
        while !finished {
            if chunk == nil {
                chunk = queue.pop()
                lineIndex = 0
            }
            let current = chunk!
            if lineIndex < current.lineEnds.count {
                let start = lineIndex == 0 ? 0 : current.lineEnds[lineIndex - 1] + 1
                let end = current.lineEnds[lineIndex]
                let offset = current.fileOffset + Int64(start)
                let number = current.firstLineNumber + Int64(lineIndex)
                let prepared = current.prepared[lineIndex]
                lineIndex += 1
                bytesConsumed = current.fileOffset + Int64(end) + 1
                return .line(
                    UnsafeRawBufferPointer(rebasing: current.buffer[start..<end]), offset: offset, number: number,
                    prepared: prepared)
            }
            chunk = nil
            guard let ending = current.ending else { continue }
            finished = true
            switch ending {
            case .endOfFile: return nil
            case .unterminated(let offset, let byteCount, let number):
                return .unterminated(offset: offset, byteCount: byteCount, number: number)
            case .tooLong(let offset, let number): return .tooLong(offset: offset, number: number)
            case .failed(let error): throw error
            }
        }
        return nil
    }
}

/// The sizes `LineStream` works with.
enum LineStreamLimits {
    /// The longest line (without its "\n") handed out: the writer's limit, 1 MiB.
    static let maxLineLength = 1 << 20
    /// Bytes read per chunk, by default.
    static let chunkSize = 1 << 20
    /// Chunks read ahead of the caller, by default.
    static let depth = 3
    /// Lines per task when a chunk's lines are prepared concurrently: enough to make a task's
    /// dispatch cost negligible, few enough to spread a chunk evenly over busy cores.
    static let linesPerTask = 64
}

/// A run of complete lines read by `ChunkReader`; immutable once queued.
private final class Chunk<Prepared: Sendable>: @unchecked Sendable {
    /// What follows the last line of the last chunk.
    enum Ending {
        case endOfFile
        case unterminated(offset: Int64, byteCount: Int64, number: Int64)
        case tooLong(offset: Int64, number: Int64)
        case failed(VerificationError)
    }

    /// The bytes; the first line starts at 0.
    let buffer: UnsafeMutableRawBufferPointer
    /// Where `buffer` goes back to.
    let pool: BufferPool
    /// The file offset of `buffer[0]`.
    let fileOffset: Int64
    let firstLineNumber: Int64
    /// The index of each line's "\n" in `buffer`.
    var lineEnds: [Int] = []
    /// What `prepare` made of each line.
    var prepared: [Prepared] = []
    /// Set on the last chunk of the file.
    var ending: Ending?

    init(buffer: UnsafeMutableRawBufferPointer, pool: BufferPool, fileOffset: Int64, firstLineNumber: Int64) {
        self.buffer = buffer
        self.pool = pool
        self.fileOffset = fileOffset
        self.firstLineNumber = firstLineNumber
    }

    deinit { pool.give(buffer) }
}

/// Chunk buffers of one size, reused: a freshly allocated megabyte is fresh pages (a fault and a
/// zeroed page per 4 KiB when first filled), and freeing it unmaps them, which flushes the TLB of
/// every core the process's threads run on.
private final class BufferPool: @unchecked Sendable {
    // Safety: `free` is only touched while holding `lock`.
    private var free: [UnsafeMutableRawBufferPointer] = []
    private let lock = NSLock()
    /// The size of the buffers kept, in bytes; others (chunks grown for a long line) are freed.
    let byteCount: Int
    /// The most buffers kept.
    let capacity: Int

    init(byteCount: Int, capacity: Int) {
        self.byteCount = byteCount
        self.capacity = capacity
    }

    deinit {
        for buffer in free { buffer.deallocate() }
    }

    /// A buffer of `count` bytes: a kept one if it has the pool's size, else a new one.
    func take(byteCount count: Int) -> UnsafeMutableRawBufferPointer {
        if count == byteCount, let buffer = lock.withLock({ free.popLast() }) { return buffer }
        return .allocate(byteCount: count, alignment: 16)
    }

    /// Takes `buffer` back for reuse, or frees it.
    func give(_ buffer: UnsafeMutableRawBufferPointer) {
        let kept =
            buffer.count == byteCount
            && lock.withLock {
                guard free.count < capacity else { return false }
                free.append(buffer)
                return true
            }
        if !kept { buffer.deallocate() }
    }
}

/// The reading thread: fills chunks and queues them until the end of the file or `stop()`.
private struct ChunkReader<Prepared: Sendable>: Sendable {
    let file: POSIXFile
    /// Where reading stops, if before the end of the file.
    let end: Int64?
    let chunkSize: Int
    let buffers: BufferPool
    let concurrentPrepare: Bool
    let prepare: @Sendable (UnsafeRawBufferPointer) -> Prepared
    let queue: ChunkQueue<Prepared>

    func run() {
        defer { queue.producerFinished.signal() }
        var fileOffset: Int64 = 0
        var lineNumber: Int64 = 1
        var carried: [UInt8] = []  // an unfinished line, moved into the next chunk
        while !queue.isStopped {
            let leftover = carried.count
            let buffer = buffers.take(byteCount: max(chunkSize, 2 * leftover))
            buffer.copyBytes(from: carried)
            let chunk = Chunk<Prepared>(
                buffer: buffer, pool: buffers, fileOffset: fileOffset, firstLineNumber: lineNumber)
            let (filled, error) = fill(buffer, from: leftover, at: fileOffset)
            let start = split(chunk, filled: filled)
            let remainder = filled - start
            let endOffset = fileOffset + Int64(start)
            lineNumber += Int64(chunk.lineEnds.count)
            if let error {
                chunk.ending = .failed(error)
            } else if chunk.ending != nil {
                // An overlong complete line: `split` stopped there.
            } else if remainder > LineStreamLimits.maxLineLength {
                chunk.ending = .tooLong(offset: endOffset, number: lineNumber)
            } else if filled < buffer.count {  // the end of the file
                chunk.ending =
                    remainder > 0
                    ? .unterminated(offset: endOffset, byteCount: Int64(remainder), number: lineNumber) : .endOfFile
            } else {
                carried = Array(buffer[start..<filled])
            }
            fileOffset = endOffset
            let isLast = chunk.ending != nil
            guard queue.push(chunk), !isLast else { break }
        }
    }

    /// Fills `buffer` from index `start`, whose byte `0` is at `fileOffset` in the file, until it
    /// is full or the file ends; returns how much of it holds data.
    private func fill(_ buffer: UnsafeMutableRawBufferPointer, from start: Int, at fileOffset: Int64)
        -> (Int, VerificationError?)
    {
        var stop = buffer.count
        if let end { stop = start + Int(max(0, min(Int64(buffer.count - start), end - fileOffset - Int64(start)))) }
        do {
            let count = try file.read(
                into: UnsafeMutableRawBufferPointer(rebasing: buffer[start..<stop]), at: fileOffset + Int64(start))
            return (start + count, nil)
        } catch {
            return (start, StoreFiles.unreadable(error, path: file.path))
        }
    }

    /// Records the complete lines of `chunk` and prepares them; returns where the rest starts.
    private func split(_ chunk: Chunk<Prepared>, filled: Int) -> Int {
        let base = chunk.buffer.baseAddress!
        var start = 0
        while start < filled, let newline = memchr(base + start, Int32(ASCII.newline), filled - start) {
            let end = base.distance(to: newline)
            guard end - start <= LineStreamLimits.maxLineLength else {
                chunk.ending = .tooLong(
                    offset: chunk.fileOffset + Int64(start), number: chunk.firstLineNumber + Int64(chunk.lineEnds.count)
                )
                return start
            }
            chunk.lineEnds.append(end)
            start = end + 1
        }
        chunk.prepared = prepareLines(of: chunk)
        return start
    }

    /// `prepare` of each line of `chunk`, in line order; on every core with `concurrentPrepare`.
    private func prepareLines(of chunk: Chunk<Prepared>) -> [Prepared] {
        let count = chunk.lineEnds.count
        guard count > 0 else { return [] }
        let tasks = (count + LineStreamLimits.linesPerTask - 1) / LineStreamLimits.linesPerTask
        return [Prepared](unsafeUninitializedCapacity: count) { results, initialized in
            let job = PrepareJob(chunk: chunk, results: results.baseAddress!, prepare: prepare)
            if concurrentPrepare, tasks > 1 {
                DispatchQueue.concurrentPerform(iterations: tasks) { job.run(task: $0) }
            } else {
                for task in 0..<tasks { job.run(task: task) }
            }
            initialized = count
        }
    }
}

/// Prepares one chunk's lines into an uninitialised array, a run of `linesPerTask` lines per task.
///
/// Unchecked Sendable: the chunk is not modified while its lines are prepared, and each task
/// initialises only its own indices of `results`, each exactly once.
private struct PrepareJob<Prepared: Sendable>: @unchecked Sendable {
    let chunk: Chunk<Prepared>
    let results: UnsafeMutablePointer<Prepared>
    let prepare: @Sendable (UnsafeRawBufferPointer) -> Prepared

    func run(task: Int) {
        let base = UnsafeRawPointer(chunk.buffer.baseAddress!)
        let lineEnds = chunk.lineEnds
        let first = task * LineStreamLimits.linesPerTask
        for index in first..<min(lineEnds.count, first + LineStreamLimits.linesPerTask) {
            let start = index == 0 ? 0 : lineEnds[index - 1] + 1
            let line = UnsafeRawBufferPointer(start: base + start, count: lineEnds[index] - start)
            (results + index).initialize(to: prepare(line))
        }
    }
}

/// A bounded queue of chunks between the reading thread and the caller.
private final class ChunkQueue<Prepared: Sendable>: @unchecked Sendable {
    // Safety: `chunks` and `stopped` are only touched inside `lock.sync`.
    private var chunks: [Chunk<Prepared>] = []
    private var stopped = false
    private let lock = DispatchQueue(label: "EventLog.LineStream.queue")
    private let space: DispatchSemaphore
    private let available = DispatchSemaphore(value: 0)
    /// Signalled once when the reading thread has returned.
    let producerFinished = DispatchSemaphore(value: 0)

    init(depth: Int) {
        space = DispatchSemaphore(value: depth)
    }

    var isStopped: Bool { lock.sync { stopped } }

    /// Queues `chunk`, waiting for room; false if the caller stopped reading.
    func push(_ chunk: Chunk<Prepared>) -> Bool {
        space.wait()
        let accepted = lock.sync {
            if !stopped { chunks.append(chunk) }
            return !stopped
        }
        if accepted { available.signal() }
        return accepted
    }

    /// The next chunk, waiting for it.
    func pop() -> Chunk<Prepared> {
        available.wait()
        let chunk = lock.sync { chunks.removeFirst() }
        space.signal()
        return chunk
    }

    /// Tells the reading thread to stop and drops what it queued.
    func stop() {
        lock.sync {
            stopped = true
            chunks.removeAll()
        }
        space.signal()
    }
}
