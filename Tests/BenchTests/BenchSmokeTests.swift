import Foundation
import Testing

/// Runs the built `bench` executable with `--smoke` (tiny sizes) and checks that every row ran.
@Suite("Benchmark smoke run")
struct BenchSmokeTests {
    /// Rows every smoke run must print; a failed group prints "(failed)" instead.
    static let expectedRows = [
        "EventLog append, 1 task", "EventLog append, 16 tasks", "EventLog append, 256 tasks",
        "fsync floor, batch", "SQLite WAL synchronous=FULL, batch",
        "build the large store", "verify, ", "verify peak RSS", "hashing floor: openssl dgst -sha256",
        "LogWriter.open", "ScreeningService.open", "status as of a random past instant", "projection rebuild",
        "screening serve ready", "GET /v1/subjects/{n} (subject state)", "POST /v1/subjects/{n}/assessments",
    ]

    @Test("a smoke run completes, prints every row and writes the markdown report")
    func smokeRunPrintsEveryRow() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-smoke-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reportPath = directory.appendingPathComponent("performance.md").path
        // A previous report whose hand-written analysis the bench must keep.
        let analysis = "<!-- Written by hand below this line; the bench keeps it when it rewrites the file. -->\n## Analysis\nkept text\n"
        try ("# Old measured part\n" + analysis).write(toFile: reportPath, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = try Self.benchExecutable()
        process.arguments = ["--smoke", "--work-directory", directory.appendingPathComponent("work").path, "--output", reportPath]
        let standardOutput = directory.appendingPathComponent("stdout.txt")
        let standardError = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: standardOutput.path, contents: nil)
        _ = FileManager.default.createFile(atPath: standardError.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: standardOutput)
        process.standardError = try FileHandle(forWritingTo: standardError)
        try process.run()
        process.waitUntilExit()

        let printed = try String(contentsOf: standardOutput, encoding: .utf8)
        let progress = try String(contentsOf: standardError, encoding: .utf8)
        #expect(process.terminationStatus == 0, "bench --smoke failed:\n\(progress.suffix(2_000))")
        #expect(!printed.contains("(failed)"), "a row group failed:\n\(printed)")
        for row in Self.expectedRows {
            #expect(printed.contains(row), "missing row \"\(row)\" in:\n\(printed)")
        }

        let report = try String(contentsOfFile: reportPath, encoding: .utf8)
        for section in ["## Reproduce", "## Machine", "## Targets", "## Results", "swift run -c release bench --smoke"] {
            #expect(report.contains(section), "report lacks \"\(section)\"")
        }
        #expect(report.hasSuffix(analysis), "the hand-written analysis was not kept")
        #expect(!report.contains("# Old measured part"), "the old measured part was not replaced")
        for fact in ["Processors (nproc)", "CPU model", "Memory", "Kernel", "Swift", "Filesystem of the work directory"] {
            #expect(report.contains("| \(fact) |"), "report lacks the machine's \(fact)")
        }
    }

    /// The `bench` executable built beside this test bundle.
    static func benchExecutable() throws -> URL {
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var directory = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        // On some layouts the test binary sits inside a bundle directory one level down.
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("bench")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw SmokeTestError(reason: "no bench executable beside \(testBinary); run swift build first")
    }
}

/// The smoke test could not find what it runs.
struct SmokeTestError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
