/// Finds lines in `events.jsonl` by bisection on byte offsets, resynchronising to the next line
/// start after each probe. Works because both `seq` and `at` never decrease along the file.
struct LineLocator {
    let file: POSIXFile
    /// Only lines ending before this offset are considered.
    let end: Int64

    /// The first line start at or after `offset` (or `end` if none).
    func lineStart(atOrAfter offset: Int64) throws -> Int64 {
        if offset <= 0 { return 0 }
        var position = offset - 1  // a "\n" here means `offset` itself starts a line
        var buffer = [UInt8](repeating: 0, count: 4096)
        while position < end {
            let want = Int(min(Int64(buffer.count), end - position))
            let got = try buffer.withUnsafeMutableBytes { (raw) throws -> Int in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]), at: position)
            }
            if got == 0 { return end }
            if let index = buffer[0..<got].firstIndex(of: UInt8(ascii: "\n")) {
                return min(end, position + Int64(index) + 1)
            }
            position += Int64(got)
        }
        return end
    }

    /// The start of the line that ends at `lineEnd` (the offset just past its "\n").
    func lineStart(endingAt lineEnd: Int64) throws -> Int64 {
        var chunkEnd = lineEnd - 1  // skip the line's own "\n"
        while chunkEnd > 0 {
            let chunkStart = max(0, chunkEnd - 4096)
            let chunk = try file.read(count: Int(chunkEnd - chunkStart), at: chunkStart)
            if let index = chunk.lastIndex(of: UInt8(ascii: "\n")) { return chunkStart + Int64(index) + 1 }
            chunkEnd = chunkStart
        }
        return 0
    }

    /// The line starting at `start` (without "\n"); nil if no complete line starts there.
    func line(at start: Int64) throws -> [UInt8]? {
        var bytes: [UInt8] = []
        var position = start
        while position < end {
            let chunk = try file.read(count: Int(min(4096, end - position)), at: position)
            if chunk.isEmpty { return nil }
            if let index = chunk.firstIndex(of: UInt8(ascii: "\n")) {
                bytes.append(contentsOf: chunk[..<index])
                return bytes
            }
            bytes.append(contentsOf: chunk)
            position += Int64(chunk.count)
        }
        return nil
    }

    /// The skim of the line at `start`, or a `store.corrupt` error naming the offset.
    func skim(at start: Int64) throws -> (skim: EntrySkim, line: [UInt8]) {
        guard let line = try line(at: start),
            let skim = line.withUnsafeBytes({ EntrySkim($0) })
        else {
            throw LogStoreError(
                code: LogStoreError.corruptCode, reason: "not a well-formed entry line",
                location: "events.jsonl offset \(start)")
        }
        return (skim, line)
    }

    /// The start of the first line for which `isAtOrPast` holds (or `end`), given that it holds
    /// for every line after one for which it holds.
    func firstLine(where isAtOrPast: (EntrySkim, [UInt8]) throws -> Bool) throws -> Int64 {
        // Invariant: lines starting before `low` fail the test; lines starting at or after
        // `high` pass it.
        var low: Int64 = 0
        var high = end
        while low < high {
            let middle = low + (high - low) / 2
            let start = try lineStart(atOrAfter: middle)
            if start >= high {
                high = middle
                continue
            }
            let (skim, line) = try skim(at: start)
            if try isAtOrPast(skim, line) {
                high = start
            } else {
                low = start + Int64(line.count) + 1
            }
        }
        return try lineStart(atOrAfter: low)
    }

    /// The start of the line holding `seq` (or `end` if the range holds no such line).
    func start(ofSeq seq: Int64) throws -> Int64 {
        try firstLine { (skim, _) throws in skim.seq >= seq }
    }
}
