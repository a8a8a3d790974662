import Foundation

/// One benchmark run: the settings, the work directory, the rows measured so far.
final class BenchRun {
    let settings: BenchSettings
    private(set) var rows: [ReportRow] = []
    private(set) var notes: [String] = []
    /// Groups that failed to run.
    private(set) var failures = 0
    /// The large store once built, or why it could not be (see `largeStore()`).
    var largeStoreCache: Result<LargeStore, any Error>?

    init(settings: BenchSettings) throws {
        self.settings = settings
        try FileManager.default.createDirectory(atPath: settings.workDirectory, withIntermediateDirectories: true)
    }

    /// Runs every selected group and returns the report.
    func execute(command: String) async -> PerformanceReport {
        let machine = MachineDescription.current(workDirectory: settings.workDirectory)
        let started = Date()
        log("bench: \(settings.smoke ? "SMOKE (tiny sizes; numbers mean nothing)" : "full run"), events=\(settings.events), seconds=\(settings.seconds)")
        log("bench: work directory \(settings.workDirectory) (\(machine.workFilesystem))")
        for group in settings.groups {
            log("bench: \(group.rawValue) ...")
            do {
                switch group {
                case .append: try await runAppend()
                case .verify: try await runVerify()
                case .replay: try await runReplay()
                case .http: try await runHTTP()
                }
            } catch {
                failures += 1
                log("bench: \(group.rawValue) FAILED: \(error)")
                add(ReportRow(group: group, name: "\(group.rawValue) (failed)", result: "error", notes: "\(error)"))
            }
        }
        if settings.smoke {
            note("This was a smoke run (--smoke): tiny sizes, so the numbers only show that every row runs.")
        }
        return PerformanceReport(
            rows: rows, machine: machine, command: command, started: started, finished: Date(),
            loadAtEnd: MachineDescription.loadAverage(), notes: notes)
    }

    /// Adds a row and prints it at once, so a long run shows progress.
    func add(_ row: ReportRow) {
        rows.append(row)
        let latency = row.p50.map { ", p50 \(Formatting.milliseconds($0)) ms, p99 \(Formatting.milliseconds(row.p99)) ms" } ?? ""
        let verdict = row.target.map { " [\($0.verdict): \($0.goal), measured \($0.measured)]" } ?? ""
        log("  \(row.name): \(row.result)\(latency)\(verdict)")
    }

    /// Adds a paragraph to the report's method and findings.
    func note(_ paragraph: String) {
        notes.append(paragraph)
    }

    /// A progress line on standard error (the table goes to standard output).
    func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// A fresh directory inside the work directory.
    func directory(_ name: String) throws -> String {
        let path = settings.workDirectory + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func removeWorkDirectory() {
        try? FileManager.default.removeItem(atPath: settings.workDirectory)
    }
}
