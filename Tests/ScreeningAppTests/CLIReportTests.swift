import EventLog
import Foundation
import Testing

/// `verify --json`, `replay` before the log began, the verifier key and the store's origin.
@Suite("CLI reports, verifier key and origin")
struct CLIReportTests {
    @Test("verify --json carries passed, like GET /v1/verification; replay before the log names no seq")
    func verifyAndReplay() throws {
        let directory = TemporaryDirectory()
        let cli = CLI(directory: directory.url)
        let created = try cli.run(["init", "--admin-name", "Site Admin", "--password-stdin"], input: "admin-password-1\n")
        #expect(created.status == 0, "\(created.error)")

        let verify = try cli.run(["verify", "--json"])
        #expect(verify.status == 0)
        let report = try JSONValue.parse(Array(verify.output.trimmingCharacters(in: .whitespacesAndNewlines).utf8))
        #expect(report["passed"] == true)

        let replay = try cli.run(["replay", "--as-of", "2020-01-01"])
        #expect(replay.status == 0, "\(replay.error)")
        #expect(replay.output.contains("no entry had been recorded by then"))
        #expect(!replay.output.contains("seq -1"))
    }

    @Test("init prints the verifier key, key prints it again; each store has its own origin unless --origin")
    func keyAndOrigin() throws {
        let directory = TemporaryDirectory()
        let cli = CLI(directory: directory.url)
        let first = try cli.run(["init", "--admin-name", "Site Admin", "--password-stdin", "--store", "one"], input: "admin-password-1\n")
        #expect(first.status == 0, "\(first.error)")
        let key = try cli.run(["key", "--store", "one"])
        #expect(key.status == 0, "\(key.error)")
        let keyText = key.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(keyText.hasPrefix("screening.local/one-") && keyText.split(separator: "+").count >= 3)  // base64 may hold "+"
        #expect(first.output.contains(keyText))

        let second = try cli.run(["init", "--admin-name", "Site Admin", "--password-stdin", "--store", "two"], input: "admin-password-1\n")
        #expect(second.status == 0)
        let named = try cli.run(
            ["init", "--admin-name", "Site Admin", "--password-stdin", "--store", "three", "--origin", "example.org/site-3"],
            input: "admin-password-1\n")
        #expect(named.status == 0, "\(named.error)")
        func origin(_ store: String) throws -> String {
            let text = try String(contentsOf: directory.url.appendingPathComponent("\(store)/checkpoint"), encoding: .utf8)
            return String(text.split(separator: "\n").first ?? "")
        }
        #expect(try origin("one").hasPrefix("screening.local/one-"))
        #expect(try origin("one") != origin("two"))
        #expect(try origin("three") == "example.org/site-3")
    }
}
