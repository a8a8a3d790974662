import EventLog

extension BenchRun {
    /// The concurrency levels of row 1.
    static let appendConcurrencies = [1, 16, 256]

    /// Row 1: durable append at each concurrency, each beside the fsync floor and SQLite at the
    /// writer's observed mean batch size.
    func runAppend() async throws {
        let directory = try directory("append")
        let subjects = settings.smoke ? 60 : 1_200
        let screening = try SyntheticScreening()
        // Subject histories only: the log library does not need the protocol registration first.
        var drafts: [EventDraft] = []
        for subject in 0..<subjects {
            drafts += screening.history(subject: subject, of: subjects, firstSeq: Int64(drafts.count + 1))
        }

        for concurrency in Self.appendConcurrencies {
            let outcome = try await AppendBenchmark.measure(
                concurrency: concurrency, seconds: settings.seconds, directory: directory, drafts: drafts)
            let append = outcome.measurement
            let batch = max(1, Int(append.meanBatchSize.rounded()))
            let floor = try FsyncFloor.measure(lines: outcome.lines, batchSize: batch, seconds: settings.seconds, directory: directory)
            let sqlite = try SQLiteBaseline.measure(lines: outcome.lines, batchSize: batch, seconds: settings.seconds, directory: directory)

            let share = floor.eventsPerSecond > 0 ? append.eventsPerSecond / floor.eventsPerSecond : 0
            var target: TargetCheck?
            if concurrency == 1 {
                target = TargetCheck(goal: ">= 40% of the fsync floor", met: share >= 0.40, measured: "\(Formatting.fixed(share * 100, 0))%")
            } else if concurrency == 256 {
                target = TargetCheck(
                    goal: ">= 50,000 events/s", met: append.eventsPerSecond >= 50_000,
                    measured: "\(Formatting.grouped(append.eventsPerSecond)) events/s")
            }
            let lineBytes = outcome.lines.reduce(0) { $0 + $1.count } / max(1, outcome.lines.count)
            let latency = append.latencies.p50p99Milliseconds()
            add(ReportRow(
                group: .append, name: "EventLog append, \(concurrency) task\(concurrency == 1 ? "" : "s")",
                result: "\(Formatting.grouped(append.eventsPerSecond)) events/s",
                p50: latency?.p50, p99: latency?.p99,
                notes: "\(Formatting.grouped(Double(append.events))) events in \(Formatting.seconds(append.seconds)); "
                    + "\(Formatting.grouped(Double(append.commits))) checkpoints, \(Formatting.fixed(append.meanBatchSize, 1)) events each; "
                    + "mean line \(lineBytes) B; \(Formatting.fixed(share * 100, 0))% of the fsync floor",
                target: target))
            let floorLatency = floor.latencies.p50p99Milliseconds()
            add(ReportRow(
                group: .append, name: "  fsync floor, batch \(batch)",
                result: "\(Formatting.grouped(floor.eventsPerSecond)) events/s",
                p50: floorLatency?.p50, p99: floorLatency?.p99,
                notes: "one write + fsync per batch of \(batch) of the same lines; latency per batch"))
            let sqliteLatency = sqlite.latencies.p50p99Milliseconds()
            add(ReportRow(
                group: .append, name: "  SQLite WAL synchronous=FULL, batch \(batch)",
                result: "\(Formatting.grouped(sqlite.eventsPerSecond)) events/s",
                p50: sqliteLatency?.p50, p99: sqliteLatency?.p99,
                notes: "one transaction per batch of \(batch) rows (seq, line); latency per batch"))
        }
        note(
            "Append: each task calls `LogWriter.append` with one event and waits for its acknowledgement, "
                + "which the writer gives only after the event's batch is written to events.jsonl, a checkpoint "
                + "covering it is signed (Ed25519) and appended to checkpoints.jsonl, and both files are fdatasynced "
                + "(concurrently); the `checkpoint` file is replaced after the acknowledgement, at most every 25 ms. The writer's batches "
                + "are observed through the checkpoints it issued during the row (lines added to checkpoints.jsonl); "
                + "since checkpoints may coalesce several event batches, events per checkpoint is an upper bound of the "
                + "event batch size. The fsync floor writes the writer's own lines with one write and one fsync per batch "
                + "of that size (rounded); SQLite (system libsqlite3, WAL, synchronous=FULL) inserts the same lines, one "
                + "transaction per batch of that size. The floors run single-threaded, so their latency is per batch, "
                + "with no queueing. fsync latency on this virtual disk varies widely with other tenants' I/O "
                + "(sub-millisecond to tens of milliseconds), so each floor runs right after its append row.")
    }
}
