import ArgumentParser
import EventLog

#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The auditor's verifier: argument parsing and exit codes around `StoreVerifier`, which does all
/// the checking (Sources/EventLog/Verification). Exit 0: intact; 1: integrity failure; 2: cannot run.
@main
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a tamper-evident event store: every entry, the hash chain, the Merkle tree and "
            + "every signed checkpoint.",
        discussion: """
            The rules are in docs/format.md. Without --key or --key-file, the verifier key recorded in \
            the log's first entry is trusted and the report says the key was not pinned: a complete \
            rewrite of the store under another key would then go unnoticed.

            Exit status: 0 the store is intact; 1 an integrity check failed (the report names the first \
            bad line); 2 verification could not run (usage, missing or unreadable files).
            """)

    @Argument(help: "The store directory.")
    var store = "eventstore"

    @Option(help: ArgumentHelp("The verifier key to trust, <name>+<key id>+<base64>.", valueName: "verifier-key"))
    var key: String?

    @Option(
        name: .customLong("key-file"),
        help: ArgumentHelp("A file holding the verifier key to trust.", valueName: "file"))
    var keyFile: String?

    @Option(
        help: ArgumentHelp(
            "A checkpoint you saved earlier; the log must extend it (detects a rollback).", valueName: "file"))
    var checkpoint: String?

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func validate() throws {
        if key != nil && keyFile != nil { throw ValidationError("Give --key or --key-file, not both.") }
    }

    static func main() {
        let command: Verify
        do {
            command = try parse()
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }  // --help
            writeToStandardError(fullMessage(for: error) + "\n")
            terminate(2)
        }
        terminate(command.execute())
    }

    /// Runs the verification and prints the report; returns the exit status.
    func execute() -> Int32 {
        do throws(VerificationError) {
            var saved: SavedCheckpoint?
            if let checkpoint { saved = try SavedCheckpoint(contentsOfFile: checkpoint) }
            let verifier = StoreVerifier(storeDirectory: store, keyTrust: try keyTrust(), savedCheckpoint: saved)
            let showProgress = isatty(STDERR_FILENO) == 1
            let progress: ((VerificationProgress) -> Void)? = showProgress ? { Self.showProgress($0) } : nil
            let report = try verifier.verify(progress: progress)
            if showProgress { writeToStandardError("\r\u{1B}[K") }
            print(json ? report.renderedJSON() : report.renderedText(), terminator: json ? "\n" : "")
            return report.isIntact ? 0 : 1
        } catch {
            if json { print(error.renderedJSON()) }
            writeToStandardError("verify: \(error)\n")
            return 2
        }
    }

    private func keyTrust() throws(VerificationError) -> StoreVerifier.KeyTrust {
        if let key { return try .pinned(parsing: key) }
        if let keyFile { return try .pinned(contentsOfFile: keyFile) }
        return .logCreatedKey
    }

    private static func showProgress(_ progress: VerificationProgress) {
        writeToStandardError("\r" + progress.renderedText())
    }
}

/// Writes `text` to standard error, unbuffered.
private func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
}

/// Ends the process with `status` (the C library's `exit`).
private func terminate(_ status: Int32) -> Never {
    exit(status)
}
