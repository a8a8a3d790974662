import EventLog
import Foundation
import LogCrypto

/// Row 1: durable appends through the real `LogWriter` by `concurrency` tasks, each calling
/// `append` with one event and waiting for its acknowledgement (events fsynced and the covering
/// checkpoint signed) before sending the next.
enum AppendBenchmark {
    /// What one concurrency level achieved, and the lines it wrote (for the floors).
    struct Outcome: Sendable {
        var concurrency: Int
        var measurement: ThroughputMeasurement
        /// A sample of the exact lines the writer wrote, without "\n".
        var lines: [[UInt8]]
    }

    /// Appends for `seconds` into a fresh store under `directory`.
    static func measure(concurrency: Int, seconds: Double, directory: String, drafts: [EventDraft]) async throws -> Outcome {
        let location = StoreLocation(storePath: "\(directory)/append-\(concurrency)")
        let writer = try await LogWriter.create(
            at: location, origin: "bench.screening.example/append", signingKey: Ed25519SigningKey.generate(),
            creator: Actor(id: "u-0001", name: "Benchmark Administrator", role: "administrator"), clock: SystemClock())
        let checkpointsBefore = try lineCount(location.checkpointHistoryURL.path)

        let start = MonotonicTime.nanoseconds()
        let deadline = start + UInt64(seconds * 1e9)
        let perTask = try await withThrowingTaskGroup(of: LatencySample.self) { group in
            for task in 0..<concurrency {
                group.addTask {
                    var latencies = LatencySample()
                    var next = task
                    while MonotonicTime.nanoseconds() < deadline {
                        let draft = drafts[next % drafts.count]
                        next += concurrency
                        let began = MonotonicTime.nanoseconds()
                        _ = try await writer.append([draft])
                        latencies.record(MonotonicTime.nanoseconds() - began)
                    }
                    return latencies
                }
            }
            var all = LatencySample()
            for try await sample in group { all.merge(sample) }
            return all
        }
        let elapsed = MonotonicTime.seconds(since: start)
        await writer.close()

        let commits = try lineCount(location.checkpointHistoryURL.path) - checkpointsBefore
        let lines = try firstLines(of: location.eventsURL.path, limit: 20_000)
        return Outcome(
            concurrency: concurrency,
            measurement: ThroughputMeasurement(events: perTask.count, seconds: elapsed, latencies: perTask, commits: commits),
            lines: lines)
    }

    /// The number of "\n"-terminated lines in a file.
    static func lineCount(_ path: String) throws -> Int {
        var count = 0
        try forEachLine(of: path) { _ in
            count += 1
            return true
        }
        return count
    }

    /// Up to `limit` lines of a file, without their "\n".
    static func firstLines(of path: String, limit: Int) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        try forEachLine(of: path) { line in
            lines.append(Array(line))
            return lines.count < limit
        }
        return lines
    }

    /// Calls `body` with each complete line (without "\n") until it returns false.
    static func forEachLine(of path: String, _ body: (ArraySlice<UInt8>) throws -> Bool) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BenchError(code: "file.open", reason: "cannot read \(path)")
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending.append(contentsOf: chunk)
            var lineStart = pending.startIndex
            while let newline = pending[lineStart...].firstIndex(of: 0x0A) {
                guard try body(pending[lineStart..<newline]) else { return }
                lineStart = newline + 1
            }
            pending.removeFirst(lineStart - pending.startIndex)
        }
    }
}
