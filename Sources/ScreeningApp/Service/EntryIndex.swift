import EventLog

/// Where each folded entry's line is in `events.jsonl` and when it was written, by seq: reads by
/// seq and by time go straight to the bytes, with no bisection over the file.
///
/// Built while the log is folded at open (the reader gives each line's offset and length) and
/// extended as the service appends (the writer's transaction gives each staged line's length).
/// About 16 bytes per entry.
struct EntryIndex: Sendable {
    /// Line start per seq.
    private var offsets: [Int64] = []
    /// Line length per seq (without "\n").
    private var lengths: [Int32] = []
    /// `at` per seq, microseconds since the epoch (non-decreasing along the log).
    private var times: [Int64] = []
    /// False once an entry arrived out of order or at an unexpected offset: the service then
    /// reads through the bisecting reader instead.
    private(set) var isUsable = true

    /// The number of entries indexed (seqs `0 ..< count`).
    var count: Int64 { Int64(offsets.count) }

    /// Where the next line starts.
    private var end: Int64 {
        guard let offset = offsets.last, let length = lengths.last else { return 0 }
        return offset + Int64(length) + 1
    }

    /// Where a line of `length` bytes appended next will be.
    func nextLocation(length: Int) -> EntryLocation {
        EntryLocation(offset: end, length: length)
    }

    /// Records that the line of `seq`, written at `at`, is at `location`.
    mutating func append(seq: Int64, at: Timestamp, _ location: EntryLocation) {
        guard isUsable else { return }
        guard seq == count, location.offset == end, location.length <= Int(Int32.max) else {
            isUsable = false
            offsets = []
            lengths = []
            times = []
            return
        }
        offsets.append(location.offset)
        lengths.append(Int32(location.length))
        times.append(at.microsecondsSinceEpoch)
    }

    /// Where the line of `seq` is; nil if not indexed.
    func location(of seq: Int64) -> EntryLocation? {
        guard isUsable, seq >= 0, seq < count else { return nil }
        return EntryLocation(offset: offsets[Int(seq)], length: Int(lengths[Int(seq)]))
    }

    /// The last seq below `limit` whose `at` is at or before `time`; nil if none. Binary search:
    /// `at` never decreases along the log.
    func lastSeq(atOrBefore time: Timestamp, below limit: Int64) -> Int64? {
        var low = 0
        var high = Int(min(limit, count))
        // Invariant: times[..<low] <= time < times[high...] (within the limit).
        while low < high {
            let middle = low + (high - low) / 2
            if times[middle] <= time.microsecondsSinceEpoch { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : Int64(low - 1)
    }
}
