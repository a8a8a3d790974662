import ArgumentParser
import EventLog
import Foundation
import ScreeningApp

/// `screening demo`: a fresh store with demo accounts and a synthetic screening history.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a fresh store with demo accounts and a synthetic screening history (November 2026).",
        discussion: "Refuses a store directory that already holds a log; nothing is ever deleted.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let clock = DemoClock(start: Timestamp(microsecondsSinceEpoch: 0))
        var configuration = try store.configuration(now: { clock.now })
        configuration.origin = StoreOptions.uniqueOrigin(for: configuration.storeDirectory)
        let events = configuration.storeDirectory.appendingPathComponent("events.jsonl").path
        if FileManager.default.fileExists(atPath: events) {
            Terminal.error("screening: \(configuration.storeDirectory.path) already holds a log; use --store with a new directory.")
            throw ExitCode(1)
        }
        print("Recording the demo history through the application layer...")
        let summary: DemoScenario.Summary
        let key: String
        do {
            let (service, result) = try await DemoScenario.run(configuration, clock: clock)
            key = service.verifierKeyText
            await service.close()
            summary = result
        } catch {
            throw Terminal.report(error)
        }
        let storeFlag = store.store.map { " --store \($0)" } ?? ""
        print("Created \(configuration.storeDirectory.path): \(summary.entries) entries (secrets in \(configuration.secretsDirectory.path)).\n")
        print("Verifier key (public; auditors pin it with verify --key, obtained out of band; `screening key` prints it):")
        print("  \(key)\n")
        var accounts = Table(["user", "name", "role", "password"])
        for account in summary.accounts { accounts.append([account.id, account.name, account.role.rawValue, account.password]) }
        print("Demo accounts (synthetic):")
        print(accounts.rendered)
        var subjects = Table(["subject", "story"])
        for subject in summary.subjects { subjects.append([subject.number, subject.story]) }
        print("Subjects (synthetic screening numbers, no names):")
        print(subjects.rendered)
        print("""
            Try next:
              swift run screening serve\(storeFlag)                         # the HTTP API on 127.0.0.1:8080
              swift run screening worklist\(storeFlag)
              swift run screening status S-012\(storeFlag)                  # signature voided by the amendment
              swift run screening status S-012 --as-of \(summary.middleDate)\(storeFlag)   # as it was before
              swift run screening replay --as-of \(summary.middleDate)\(storeFlag)
              swift run screening history S-002\(storeFlag)                 # correction, voided and new signature
              swift run screening screening-log\(storeFlag)
              swift run screening audit\(storeFlag)
              swift run screening verify\(storeFlag)
            """)
    }
}
