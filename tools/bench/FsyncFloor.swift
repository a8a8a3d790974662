import Glibc

/// The durability floor: append the same event lines to a file and `fsync` after every batch, nothing else.
///
/// No hashing, no signing, no checkpoint: this is the best any durable log can do on this disk with
/// this batching, so the writer's rate is judged against it.
enum FsyncFloor {
    /// Writes `lines` (cycling) in batches of `batchSize`, each batch one `write` + `fsync`, for `seconds`.
    static func measure(lines: [[UInt8]], batchSize: Int, seconds: Double, directory: String) throws -> ThroughputMeasurement {
        precondition(!lines.isEmpty && batchSize > 0)
        let path = "\(directory)/fsync-floor-\(batchSize).jsonl"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BenchError(code: "floor.open", reason: "cannot create \(path): errno \(errno)") }
        defer {
            close(fd)
            unlink(path)
        }

        var latencies = LatencySample()
        var events = 0
        var next = 0
        var batch: [UInt8] = []
        let start = MonotonicTime.nanoseconds()
        let deadline = start + UInt64(seconds * 1e9)
        repeat {
            batch.removeAll(keepingCapacity: true)
            for _ in 0..<batchSize {
                batch.append(contentsOf: lines[next])
                batch.append(0x0A)
                next = (next + 1) % lines.count
            }
            let began = MonotonicTime.nanoseconds()
            try batch.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    guard written > 0 else {
                        if errno == EINTR { continue }
                        throw BenchError(code: "floor.write", reason: "write failed: errno \(errno)")
                    }
                    offset += written
                }
            }
            guard fsync(fd) == 0 else { throw BenchError(code: "floor.fsync", reason: "fsync failed: errno \(errno)") }
            latencies.record(MonotonicTime.nanoseconds() - began)
            events += batchSize
        } while MonotonicTime.nanoseconds() < deadline
        return ThroughputMeasurement(
            events: events, seconds: MonotonicTime.seconds(since: start), latencies: latencies,
            commits: latencies.count)
    }
}
