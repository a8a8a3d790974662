import ArgumentParser
import EventLog
import ScreeningApp

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `screening verify`: the EventLog verification engine, with the same options and exit codes
/// as tools/verify (0 intact, 1 integrity failure, 2 cannot run).
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the store: every entry, the hash chain, the Merkle tree and every signed checkpoint.",
        discussion: "Exit status: 0 intact; 1 an integrity check failed; 2 verification could not run.")

    @Option(help: ArgumentHelp("The verifier key to trust, <name>+<key id>+<base64>.", valueName: "verifier-key"))
    var key: String?

    @Option(name: .customLong("key-file"), help: ArgumentHelp("A file holding the verifier key to trust.", valueName: "file"))
    var keyFile: String?

    @Option(help: ArgumentHelp("A checkpoint you saved earlier; the log must extend it.", valueName: "file"))
    var checkpoint: String?

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if key != nil && keyFile != nil { throw ValidationError("Give --key or --key-file, not both.") }
    }

    func run() async throws {
        let intact: Bool
        do throws(VerificationError) {
            let trust: StoreVerifier.KeyTrust
            if let key {
                trust = try .pinned(parsing: key)
            } else if let keyFile {
                trust = try .pinned(contentsOfFile: keyFile)
            } else {
                trust = .logCreatedKey
            }
            let saved = try checkpoint.map { path throws(VerificationError) in try SavedCheckpoint(contentsOfFile: path) }
            let report = try StoreVerifier(storeDirectory: store.storeURL.path, keyTrust: trust, savedCheckpoint: saved).verify()
            // The same JSON as GET /v1/verification (the engine's report plus `passed`).
            let view = VerificationView(report)
            print(json ? view.jsonValue.canonicalString : view.text, terminator: json ? "\n" : "")
            intact = report.isIntact
        } catch {
            if json { print(error.renderedJSON()) }
            Terminal.error("screening verify: \(error)")
            throw ExitCode(2)
        }
        if !intact { throw ExitCode(1) }
    }
}
