import EventLog

extension BenchRun {
    /// Row 2: the `verify` executable over the large store, beside `openssl dgst -sha256`.
    func runVerify() async throws {
        let store = try await largeStore()
        let logs = try directory("verify")
        let keyPath = logs + "/checkpoint-key.txt"
        try (store.verifierKey.stringValue + "\n").write(toFile: keyPath, atomically: true, encoding: .utf8)
        let outcome = try VerifyBenchmark.measure(
            storePath: store.location.storeURL.path,
            verifyArguments: [store.location.storeURL.path, "--key-file", keyPath],
            logDirectory: logs)

        let ratioMet = outcome.ratio <= 3.0
        let checkpoints = try AppendBenchmark.lineCount(store.location.checkpointHistoryURL.path)
        let cpuRatio = outcome.verify.cpuSeconds / max(outcome.hashing.cpuSeconds, 1e-6)
        add(ReportRow(
            group: .verify, name: "verify, \(Formatting.grouped(Double(store.events))) events",
            result: Formatting.seconds(outcome.verify.wallSeconds),
            notes: "\(Formatting.grouped(Double(store.events) / outcome.verify.wallSeconds)) events/s; "
                + "\(Formatting.fixed(outcome.verify.cpuSeconds, 2)) CPU s (\(Formatting.fixed(cpuRatio, 2)) x the floor's CPU time); "
                + "\(Formatting.grouped(Double(checkpoints))) signed checkpoints checked; verdict: \(outcome.verdict)",
            target: TargetCheck(goal: "<= 3.0 x hashing floor", met: ratioMet, measured: "\(Formatting.fixed(outcome.ratio, 2)) x")))
        add(ReportRow(
            group: .verify, name: "verify peak RSS",
            result: Formatting.mebibytes(outcome.verify.peakResidentBytes),
            notes: "peak resident set of the verify process, from GNU time (%M)",
            target: TargetCheck(
                goal: "<= 64 MiB", met: outcome.verify.peakResidentBytes <= 64 << 20,
                measured: Formatting.mebibytes(outcome.verify.peakResidentBytes))))
        let megabytes = Double(outcome.eventsFileBytes) / 1_048_576
        add(ReportRow(
            group: .verify, name: "  hashing floor: openssl dgst -sha256",
            result: Formatting.seconds(outcome.hashing.wallSeconds),
            notes: "\(Formatting.fixed(megabytes, 1)) MiB events.jsonl at "
                + "\(Formatting.grouped(megabytes / outcome.hashing.wallSeconds)) MiB/s, \(Formatting.fixed(outcome.hashing.cpuSeconds, 2)) CPU s; "
                + "page cache warm for both"))
    }

    /// The large store, built on first use and shared by the verify and replay rows.
    func largeStore() async throws -> LargeStore {
        switch largeStoreCache {
        case .success(let store)?: return store
        case .failure(let error)?: throw error
        case nil: break
        }
        log("bench: writing the \(Formatting.grouped(Double(settings.events)))-event store ...")
        let store: LargeStore
        do {
            store = try await LargeStore.build(events: settings.events, directory: try directory("large"))
        } catch {
            largeStoreCache = .failure(error)
            throw error
        }
        largeStoreCache = .success(store)
        add(ReportRow(
            group: .verify, name: "build the large store",
            result: "\(Formatting.grouped(Double(store.events) / store.buildSeconds)) events/s",
            notes: "\(Formatting.grouped(Double(store.events))) events (\(Formatting.grouped(Double(store.subjects))) subjects) "
                + "through ScreeningService.create (accounts, protocol) then LogWriter.transact, two calls per subject history from 64 tasks (group commit), in \(Formatting.seconds(store.buildSeconds))"))
        return store
    }
}
