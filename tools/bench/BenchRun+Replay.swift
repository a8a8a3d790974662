import EventLog
import ScreeningDomain

extension BenchRun {
    /// Row 3: opening the large store, the full projection rebuild, status as of past instants.
    func runReplay() async throws {
        let store = try await largeStore()
        let events = Double(store.events)

        let openStart = MonotonicTime.nanoseconds()
        let writer = try await LogWriter.open(at: store.location, signingKey: store.signingKey)
        let openSeconds = MonotonicTime.seconds(since: openStart)
        await writer.close()
        add(ReportRow(
            group: .replay, name: "LogWriter.open, \(Formatting.grouped(events)) events",
            result: Formatting.seconds(openSeconds),
            notes: "crash-recovery check of the whole log against the signed checkpoint (chain, Merkle root, signature)",
            target: TargetCheck(goal: "open <= 2 s", met: openSeconds <= 2, measured: Formatting.seconds(openSeconds))))

        let rebuild = try ProjectionRebuild.measure(store: store.location)
        add(ReportRow(
            group: .replay, name: "projection rebuild (ScreeningState.fold)",
            result: "\(Formatting.grouped(rebuild.eventsPerSecond)) events/s",
            notes: "\(Formatting.grouped(Double(rebuild.events))) entries read with LogReader and folded in "
                + "\(Formatting.seconds(rebuild.seconds)); \(Formatting.grouped(Double(rebuild.subjects))) subjects",
            target: TargetCheck(
                goal: ">= 300,000 events/s", met: rebuild.eventsPerSecond >= 300_000,
                measured: "\(Formatting.grouped(rebuild.eventsPerSecond)) events/s")))
    }
}

/// The full projection rebuild: every entry decoded by `LogReader` and folded by the domain.
enum ProjectionRebuild {
    struct Outcome {
        var events: Int
        var seconds: Double
        var subjects: Int
        var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
    }

    static func measure(store: StoreLocation) throws -> Outcome {
        let start = MonotonicTime.nanoseconds()
        var state = ScreeningState()
        var events = 0
        try LogReader(store: store).forEachEntry { entry in
            try state.apply(entry)
            events += 1
        }
        return Outcome(events: events, seconds: MonotonicTime.seconds(since: start), subjects: state.subjects.count)
    }
}
