import EventLog
import Foundation
import ScreeningApp
import ScreeningDomain

extension BenchRun {
    /// As-of status queries row 3 asks for.
    static let asOfQueries = 1_000

    /// Row 3: opening the large store (writer, then the whole service), status of one subject as
    /// of a random past instant, and the full projection rebuild.
    func runReplay() async throws {
        let store = try await largeStore()
        let events = Double(store.events)

        // Without the writer's resume point (as after losing the secrets directory's memory):
        // the full check of the log; then with it, as every later open.
        let resume = store.location.secretsURL.appendingPathComponent(StoreLocation.resumePointFileName)
        try? FileManager.default.removeItem(at: resume)
        // Opens the writer and closes it again; the seconds the open took.
        func timedWriterOpen() async throws -> Double {
            let start = MonotonicTime.nanoseconds()
            let writer = try await LogWriter.open(at: store.location, signingKey: store.signingKey)
            let seconds = MonotonicTime.seconds(since: start)
            await writer.close()
            return seconds
        }
        add(ReportRow(
            group: .replay, name: "  LogWriter.open without its resume point",
            result: Formatting.seconds(try await timedWriterOpen()),
            notes: "crash-recovery check of the whole log against the signed checkpoint (chain, Merkle root, signature)"))
        add(ReportRow(
            group: .replay, name: "LogWriter.open, \(Formatting.grouped(events)) events",
            result: Formatting.seconds(try await timedWriterOpen()),
            notes: "resumes from the memory it keeps in the secrets directory (checked against the signed checkpoint and "
                + "the line it names) and checks only what was written since; `verify` is the full check"))

        let residentBefore = ProcessMemory.residentBytes()
        let serviceStart = MonotonicTime.nanoseconds()
        let service = try await ScreeningService.open(store.configuration)
        let serviceSeconds = MonotonicTime.seconds(since: serviceStart)
        let residentGrowth = ProcessMemory.residentBytes().map { $0 - min($0, residentBefore ?? 0) }
        add(ReportRow(
            group: .replay, name: "ScreeningService.open, \(Formatting.grouped(events)) events",
            result: Formatting.seconds(serviceSeconds),
            notes: "writer open + every line's envelope (index, subjects' seqs; accounts and protocol versions parsed) "
                + "and, in parallel, keyed requests' data.request; subjects are folded on first use"
                + (residentGrowth.map { "; resident memory +\(Formatting.mebibytes($0))" } ?? ""),
            target: TargetCheck(goal: "open <= 2 s", met: serviceSeconds <= 2, measured: Formatting.seconds(serviceSeconds))))

        let asOf = try await measureAsOf(service: service, store: store)
        await service.close()
        let latency = asOf.latencies.p50p99Milliseconds()
        add(ReportRow(
            group: .replay, name: "status as of a random past instant",
            result: "\(Formatting.grouped(Double(asOf.latencies.count) / asOf.seconds)) queries/s",
            p50: latency?.p50, p99: latency?.p99,
            notes: "\(asOf.latencies.count) of \(Self.asOfQueries) queries"
                + (asOf.latencies.count < Self.asOfQueries ? " (stopped at the \(Formatting.fixed(asOf.budget, 0)) s time bound)" : "")
                + ": ScreeningService.subjectStatus(_:asOf:), random subject, instant uniform over the log's span",
            target: TargetCheck(
                goal: "p99 <= 5 ms", met: (latency?.p99 ?? .infinity) <= 5 && asOf.latencies.count == Self.asOfQueries,
                measured: "p99 \(Formatting.milliseconds(latency?.p99)) ms")))

        let sequential = try RebuildMeasurement.sequential(store: store.location)
        add(ReportRow(
            group: .replay, name: "  one thread: LogReader + ScreeningState.apply",
            result: "\(Formatting.grouped(sequential.eventsPerSecond)) events/s",
            notes: "\(Formatting.grouped(Double(sequential.events))) entries decoded and folded one by one in "
                + "\(Formatting.seconds(sequential.seconds)); \(Formatting.grouped(Double(sequential.subjects))) subjects"))
        let rebuild = try RebuildMeasurement.parallel(store: store.location)
        add(ReportRow(
            group: .replay, name: "projection rebuild (ProjectionRebuild.fold)",
            result: "\(Formatting.grouped(rebuild.eventsPerSecond)) events/s",
            notes: "\(Formatting.grouped(Double(rebuild.events))) entries read in blocks of \(ProjectionRebuild.blockBytes >> 20) MiB, "
                + "each split and decoded by two threads, and folded in log order in \(Formatting.seconds(rebuild.seconds)); "
                + "\(Formatting.grouped(Double(rebuild.subjects))) subjects, the same state as the one-thread fold",
            target: TargetCheck(
                goal: ">= 300,000 events/s", met: rebuild.eventsPerSecond >= 300_000,
                measured: "\(Formatting.grouped(rebuild.eventsPerSecond)) events/s")))
        guard rebuild.state == sequential.state else {
            throw BenchError(code: "replay.rebuild_differs", reason: "the parallel rebuild gave another state than the one-thread fold")
        }
    }

    /// Up to `asOfQueries` as-of status queries, stopping after a time bound.
    private func measureAsOf(service: ScreeningService, store: LargeStore) async throws
        -> (latencies: LatencySample, seconds: Double, budget: Double)
    {
        let reader = LogReader(store: store.location)
        let firstCursor = try reader.entries(from: 0, through: 0)
        guard let first = try firstCursor.next()?.at.microsecondsSinceEpoch else {
            throw BenchError(code: "replay.empty", reason: "the store has no entries")
        }
        let lastCursor = try reader.entries(from: store.events - 1)
        let last = try lastCursor.next()?.at.microsecondsSinceEpoch ?? first
        var random = SplitMix64(seed: 0xA5_0F)
        var latencies = LatencySample()
        let budget = settings.smoke ? 2 : max(30, settings.seconds * 3)
        let start = MonotonicTime.nanoseconds()
        for _ in 0..<Self.asOfQueries {
            let number = SyntheticScreening.screeningNumber(Int(random.next() % UInt64(store.subjects)))
            let instant = Timestamp(microsecondsSinceEpoch: first + Int64(random.next() % UInt64(max(1, last - first))))
            let began = MonotonicTime.nanoseconds()
            do throws(AppError) {
                _ = try await service.subjectStatus(number, asOf: instant.formatted)
            } catch {
                // Not yet registered at that instant is an answer too; anything else is a failure.
                guard error.kind == .notFound else { throw error }
            }
            latencies.record(MonotonicTime.nanoseconds() - began)
            if MonotonicTime.seconds(since: start) > budget { break }
        }
        return (latencies, MonotonicTime.seconds(since: start), budget)
    }
}

/// The full projection rebuild, two ways: every entry decoded by `LogReader` and folded by the
/// domain one by one, and the application's `ProjectionRebuild` (decoding on every core).
enum RebuildMeasurement {
    struct Outcome {
        var events: Int
        var seconds: Double
        var state: ScreeningState
        var subjects: Int { state.subjects.count }
        var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
    }

    static func sequential(store: StoreLocation) throws -> Outcome {
        let start = MonotonicTime.nanoseconds()
        var state = ScreeningState()
        var events = 0
        // Entries written by the application carry `via` and `request`; the domain reads the
        // payload without them, as the service does.
        let applicationMembers: Set<String> = ["via", "request"]
        try LogReader(store: store).forEachEntry { entry in
            try state.apply(entry, ignoringPayloadMembers: applicationMembers)
            events += 1
        }
        return Outcome(events: events, seconds: MonotonicTime.seconds(since: start), state: state)
    }

    static func parallel(store: StoreLocation) throws -> Outcome {
        let start = MonotonicTime.nanoseconds()
        let state = try ProjectionRebuild.fold(LogReader(store: store), site: .standard)
        let seconds = MonotonicTime.seconds(since: start)
        return Outcome(events: Int((state.lastSeq ?? -1) + 1), seconds: seconds, state: state)
    }
}

/// This process's memory, from /proc/self/status.
enum ProcessMemory {
    /// Resident set size now (VmRSS), bytes.
    static func residentBytes() -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { UInt64($0) }
            return digits.map { $0 * 1024 }
        }
        return nil
    }
}
