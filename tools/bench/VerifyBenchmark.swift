import Foundation

/// Row 2: the real `verify` executable over a large store, as a child process, beside the time
/// `openssl dgst -sha256` takes to hash the same events.jsonl (the hashing floor).
enum VerifyBenchmark {
    /// What the verifier and the floor took.
    struct Outcome: Sendable {
        var verify: ChildProcess.Termination
        var hashing: ChildProcess.Termination
        var eventsFileBytes: UInt64
        /// The verifier's verdict (its report's `result:`), for the notes.
        var verdict: String

        /// verify time / hashing time.
        var ratio: Double { hashing.wallSeconds > 0 ? verify.wallSeconds / hashing.wallSeconds : .infinity }
    }

    /// Times `verify` and `openssl dgst -sha256` over the store at `storePath`; `logDirectory` keeps their output.
    static func measure(storePath: String, verifyArguments: [String], logDirectory: String) throws -> Outcome {
        let eventsPath = storePath + "/events.jsonl"
        let size = (try FileManager.default.attributesOfItem(atPath: eventsPath)[.size] as? NSNumber)?.uint64Value ?? 0

        // Warm the page cache so neither side pays for the disk: both then read from memory.
        let warm = try ChildProcess.spawn(
            "openssl", ["dgst", "-sha256", eventsPath],
            standardOutput: logDirectory + "/openssl-warm.out", standardError: logDirectory + "/openssl-warm.err")
        _ = warm.wait()

        let hashingChild = try ChildProcess.spawn(
            "openssl", ["dgst", "-sha256", eventsPath],
            standardOutput: logDirectory + "/openssl.out", standardError: logDirectory + "/openssl.err")
        let hashing = hashingChild.wait()
        guard hashing.succeeded else {
            throw BenchError(code: "verify.openssl", reason: "openssl dgst failed: \(hashingChild.standardError())")
        }

        let (verifyChild, verify) = try runMeasured(
            try SiblingExecutable.path("verify"), verifyArguments, logDirectory: logDirectory)
        let output = verifyChild.standardOutput() + verifyChild.standardError()
        guard verify.succeeded else {
            throw BenchError(
                code: "verify.rejected",
                reason: "verify exited \(verify.exitCode.map(String.init) ?? "by signal") on the benchmark store: \(output.suffix(600))")
        }
        // The report's "result:" line (INTACT when every check passed).
        let verdict = output.split(separator: "\n")
            .first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("result:") }
            .map { $0.trimmingCharacters(in: .whitespaces).dropFirst("result:".count).trimmingCharacters(in: .whitespaces) } ?? "?"
        return Outcome(verify: verify, hashing: hashing, eventsFileBytes: size, verdict: verdict)
    }

    /// GNU time, which reports its child's peak RSS without this process's memory in it.
    static let timeCommand = "/usr/bin/time"

    /// Runs `executable` and measures its peak RSS through `/usr/bin/time` when present.
    ///
    /// `ru_maxrss` of a child spawned directly from this process is useless here: Linux carries
    /// the parent's resident size into the child's high-water mark until `exec` (fork and
    /// vfork alike), and this process holds the benchmark's data. GNU time is a small process,
    /// so the child it forks starts from a small high-water mark.
    static func runMeasured(
        _ executable: String, _ arguments: [String], logDirectory: String
    ) throws -> (ChildProcess, ChildProcess.Termination) {
        let out = logDirectory + "/verify.out"
        let err = logDirectory + "/verify.err"
        guard FileManager.default.isExecutableFile(atPath: timeCommand) else {
            let child = try ChildProcess.spawn(executable, arguments, standardOutput: out, standardError: err)
            return (child, child.wait())
        }
        let usagePath = logDirectory + "/verify.usage"
        let child = try ChildProcess.spawn(
            timeCommand, ["-f", "%M %U %S", "-o", usagePath, executable] + arguments,
            standardOutput: out, standardError: err)
        var termination = child.wait()
        let fields = ((try? String(contentsOfFile: usagePath, encoding: .utf8)) ?? "")
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).suffix(3)
        if fields.count == 3, let kilobytes = UInt64(fields[fields.startIndex]),
            let user = Double(fields[fields.startIndex + 1]), let system = Double(fields[fields.startIndex + 2])
        {
            termination.peakResidentBytes = kilobytes * 1024
            termination.cpuSeconds = user + system
        }
        return (child, termination)
    }
}
