import CSQLite
import Glibc

/// The baseline: SQLite in WAL mode with `synchronous=FULL`, one transaction per batch of the same lines.
enum SQLiteBaseline {
    /// Inserts `lines` (cycling) as rows, `batchSize` rows per transaction, for `seconds`.
    static func measure(lines: [[UInt8]], batchSize: Int, seconds: Double, directory: String) throws -> ThroughputMeasurement {
        precondition(!lines.isEmpty && batchSize > 0)
        let path = "\(directory)/sqlite-baseline-\(batchSize).db"
        defer {
            for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        }
        var handle: OpaquePointer?
        guard sqlite3_open(path, &handle) == SQLITE_OK, let db = handle else {
            throw BenchError(code: "sqlite.open", reason: "cannot open \(path)")
        }
        defer { sqlite3_close(db) }

        try execute(db, "PRAGMA journal_mode=WAL")
        try execute(db, "PRAGMA synchronous=FULL")
        try execute(db, "CREATE TABLE events(seq INTEGER PRIMARY KEY, line BLOB NOT NULL)")
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "INSERT INTO events(seq, line) VALUES (?, ?)", -1, &statement, nil) == SQLITE_OK,
            let insert = statement
        else { throw BenchError(code: "sqlite.prepare", reason: message(db)) }
        defer { sqlite3_finalize(insert) }

        var latencies = LatencySample()
        var events = 0
        var next = 0
        var seq: Int64 = 0
        let start = MonotonicTime.nanoseconds()
        let deadline = start + UInt64(seconds * 1e9)
        repeat {
            let began = MonotonicTime.nanoseconds()
            try execute(db, "BEGIN")
            for _ in 0..<batchSize {
                seq += 1
                let code = lines[next].withUnsafeBytes { raw -> Int32 in
                    sqlite3_bind_int64(insert, 1, seq)
                    // SQLITE_STATIC (nil): the bytes outlive the step below.
                    sqlite3_bind_blob(insert, 2, raw.baseAddress, Int32(raw.count), nil)
                    let code = sqlite3_step(insert)
                    sqlite3_reset(insert)
                    return code
                }
                guard code == SQLITE_DONE else { throw BenchError(code: "sqlite.insert", reason: message(db)) }
                next = (next + 1) % lines.count
            }
            try execute(db, "COMMIT")
            latencies.record(MonotonicTime.nanoseconds() - began)
            events += batchSize
        } while MonotonicTime.nanoseconds() < deadline
        return ThroughputMeasurement(
            events: events, seconds: MonotonicTime.seconds(since: start), latencies: latencies,
            commits: latencies.count)
    }

    /// Runs one SQL statement that returns no rows we need.
    private static func execute(_ db: OpaquePointer, _ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw BenchError(code: "sqlite.exec", reason: "\(sql): \(message(db))")
        }
    }

    private static func message(_ db: OpaquePointer) -> String {
        String(cString: sqlite3_errmsg(db))
    }
}
