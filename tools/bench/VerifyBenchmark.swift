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

        let verifyChild = try ChildProcess.spawn(
            try SiblingExecutable.path("verify"), verifyArguments,
            standardOutput: logDirectory + "/verify.out", standardError: logDirectory + "/verify.err")
        let verify = verifyChild.wait()
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
}
