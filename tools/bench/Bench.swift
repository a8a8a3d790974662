import ArgumentParser
import Foundation

/// The side-by-side benchmark: builds its data, measures every row, prints a table and writes
/// docs/performance.md, all in one invocation.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure durable append, verify, replay and HTTP against their floors and targets.",
        discussion: "Run in release: swift run -c release bench. Writes docs/performance.md unless --smoke."
    )

    @Option(help: "Events in the large store used by the verify and replay rows.")
    var events: Int?

    @Option(help: "Seconds each timed row runs (append, floors, SQLite, HTTP).")
    var seconds: Double?

    @Flag(help: "Tiny sizes everywhere, to check that every row runs; writes no report unless --output is given.")
    var smoke = false

    @Option(help: "Where to write the markdown report (default docs/performance.md, none with --smoke).")
    var output: String?

    @Option(parsing: .upToNextOption, help: "Run only these row groups: append, verify, replay, http.")
    var only: [BenchGroup] = []

    @Option(help: "Directory for the benchmark's stores (default: a new directory in the system temp dir).")
    var workDirectory: String?

    @Flag(help: "Keep the work directory afterwards.")
    var keep = false

    mutating func run() async throws {
        let settings = BenchSettings(
            events: events ?? (smoke ? 2_000 : 1_000_000),
            seconds: seconds ?? (smoke ? 0.3 : 10),
            smoke: smoke,
            groups: only.isEmpty ? BenchGroup.allCases : BenchGroup.allCases.filter(only.contains),
            workDirectory: workDirectory ?? FileManager.default.temporaryDirectory.path + "/screening-bench-\(getpid())"
        )
        let outputPath = output ?? (smoke ? nil : "docs/performance.md")
        let run = try BenchRun(settings: settings)
        defer { if !keep { run.removeWorkDirectory() } }

        let report = await run.execute(command: Self.reproduceCommand())
        print("")
        print(report.textTable())
        if let outputPath {
            let kept = (try? String(contentsOfFile: outputPath, encoding: .utf8)).flatMap(PerformanceReport.handWrittenPart)
            try (report.markdown() + (kept.map { "\n" + $0 } ?? "")).write(toFile: outputPath, atomically: true, encoding: .utf8)
            print("Wrote \(outputPath)")
        }
        if run.failures > 0 {
            throw ExitCode(1)
        }
    }

    /// The command line that reproduces this run, as typed from the package root.
    static func reproduceCommand() -> String {
        let arguments = CommandLine.arguments.dropFirst().map { argument in
            argument.contains(" ") ? "'\(argument)'" : argument
        }
        return (["swift", "run", "-c", "release", "bench"] + arguments).joined(separator: " ")
    }
}

extension BenchGroup: ExpressibleByArgument {}

/// The parameters of one run.
struct BenchSettings: Sendable {
    /// Events in the large store (verify, replay).
    var events: Int
    /// Seconds per timed row.
    var seconds: Double
    /// Tiny sizes; the numbers mean nothing.
    var smoke: Bool
    /// The row groups to run, in order.
    var groups: [BenchGroup]
    /// Where stores and child-process output go.
    var workDirectory: String
}
