#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading and writing `checkpoint` and `checkpoints.jsonl`.
enum CheckpointFiles {
    /// The history line for a signed note: JCS of `{"note": <text>}` followed by "\n".
    static func historyLine(note: String) -> [UInt8] {
        var line = JSONValue.object(["note": .string(note)]).canonicalBytes()
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// The note text of one history line (without its "\n"), or nil if it is not `{"note": string}`.
    static func note(fromHistoryLine line: some Collection<UInt8>) -> String? {
        guard let value = try? JSONValue.parse(line), case .object(let members) = value,
            members.count == 1, let note = members["note"]?.stringValue
        else { return nil }
        return note
    }

    /// Replaces `checkpoint` atomically: write a temporary file, rename it over `checkpoint`.
    ///
    /// With `durable`, the temporary file is fsynced before and the directory after the rename.
    /// Without it (the per-batch path) the file can be stale or torn after a power loss; open()
    /// then restores it from the last line of `checkpoints.jsonl`, which is always durable first.
    static func replaceCheckpoint(note: String, in location: StoreLocation, durable: Bool) throws {
        let temporary = location.storePath + "/.checkpoint.tmp"
        let file = try POSIXFile.open(temporary, flags: O_WRONLY | O_CREAT | O_TRUNC, mode: 0o644)
        try file.write(Array(note.utf8), at: 0)
        if durable { try file.syncData() }
        try POSIXFile.rename(temporary, to: location.checkpointPath)
        if durable { try POSIXFile.syncDirectory(location.storePath) }
    }

    /// The last complete line of a file and any partial line after it.
    struct Tail {
        /// The last line that ends in "\n" (without the "\n"), if any.
        var lastLine: [UInt8]?
        /// Byte offset where `lastLine` starts.
        var lastLineOffset: Int64
        /// Byte offset just past the last "\n" (0 if none): where a partial final line starts.
        var completeLength: Int64
        /// The file's size; larger than `completeLength` when a partial final line exists.
        var fileSize: Int64
    }

    /// Reads backwards from the end of `file` to find its last complete line.
    static func tail(of file: POSIXFile, maxLineBytes: Int = 1 << 20) throws -> Tail {
        let size = try file.size()
        guard size > 0 else { return Tail(lastLine: nil, lastLineOffset: 0, completeLength: 0, fileSize: 0) }
        // Find the last "\n" (end of the last complete line), then the "\n" before it.
        guard let lastNewline = try findNewline(in: file, before: size, limit: Int64(maxLineBytes) + 1) else {
            if size > Int64(maxLineBytes) + 1 {
                throw LogStoreError.corrupt("no line end in the last \(maxLineBytes) bytes", location: file.path)
            }
            return Tail(lastLine: nil, lastLineOffset: 0, completeLength: 0, fileSize: size)
        }
        let start = (try findNewline(in: file, before: lastNewline, limit: Int64(maxLineBytes) + 1)).map { $0 + 1 } ?? 0
        if start == 0, lastNewline > Int64(maxLineBytes) {
            throw LogStoreError.corrupt("a line longer than \(maxLineBytes) bytes", location: file.path)
        }
        let line = try file.read(count: Int(lastNewline - start), at: start)
        return Tail(lastLine: line, lastLineOffset: start, completeLength: lastNewline + 1, fileSize: size)
    }

    /// One complete line of a file.
    struct Line {
        /// The line without its "\n".
        var bytes: [UInt8]
        /// Byte offset where it starts.
        var offset: Int64
        /// Byte offset just past its "\n".
        var end: Int64 { offset + Int64(bytes.count) + 1 }
    }

    /// The last `count` complete lines of `file` (fewer if it holds fewer), in file order, and
    /// its tail.
    static func lastLines(of file: POSIXFile, count: Int, maxLineBytes: Int = 1 << 20) throws -> ([Line], Tail) {
        let tail = try tail(of: file, maxLineBytes: maxLineBytes)
        guard let last = tail.lastLine else { return ([], tail) }
        var lines = [Line(bytes: last, offset: tail.lastLineOffset)]
        while lines.count < count, lines[0].offset > 0 {
            let end = lines[0].offset - 1  // the "\n" ending the line before
            let start = (try findNewline(in: file, before: end, limit: Int64(maxLineBytes) + 1)).map { $0 + 1 } ?? 0
            if start == 0, end > Int64(maxLineBytes) {
                throw LogStoreError.corrupt("a line longer than \(maxLineBytes) bytes", location: file.path)
            }
            lines.insert(Line(bytes: try file.read(count: Int(end - start), at: start), offset: start), at: 0)
        }
        return (lines, tail)
    }

    /// The offset of the last "\n" strictly before `end`, searching at most `limit` bytes back.
    private static func findNewline(in file: POSIXFile, before end: Int64, limit: Int64) throws -> Int64? {
        let floor = max(0, end - limit)
        var chunkEnd = end
        while chunkEnd > floor {
            let chunkStart = max(floor, chunkEnd - 64 * 1024)
            let chunk = try file.read(count: Int(chunkEnd - chunkStart), at: chunkStart)
            if let index = chunk.lastIndex(of: UInt8(ascii: "\n")) {
                return chunkStart + Int64(index)
            }
            chunkEnd = chunkStart
        }
        return nil
    }
}
