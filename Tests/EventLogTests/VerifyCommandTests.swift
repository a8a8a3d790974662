import EventLog
import Foundation
import Testing

/// The `verify` executable end to end: exit codes 0, 1 and 2, and what it prints.
@Suite("verify command")
struct VerifyCommandTests {
    typealias Fixture = VerificationFixture

    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The built `verify` executable, next to the test bundle (SwiftPM puts both in the build folder).
    static func executable() throws -> URL {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0])]
        if let path = Bundle.main.executablePath { candidates.append(URL(fileURLWithPath: path)) }
        for start in candidates {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<4 {
                let binary = directory.appendingPathComponent("verify")
                if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
                directory = directory.deletingLastPathComponent()
            }
        }
        throw CocoaError(.fileNoSuchFile)
    }

    func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }

    @Test("exit 0 for an intact store, with the summary last and the unpinned key said plainly")
    func intact() throws {
        let fixture = Fixture(count: 8)
        let outcome = try run([try fixture.write()])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("NOT PINNED"))
        #expect(outcome.standardOutput.contains("result:      INTACT"))
        #expect(outcome.standardOutput.contains("entries:     8"))
        let lastLines = outcome.standardOutput.split(separator: "\n").suffix(9)
        #expect(lastLines.first == "Summary")
        #expect(outcome.standardError.isEmpty)  // not a terminal: no progress
    }

    @Test("exit 0 with a pinned key from a file, as JSON")
    func pinnedJSON() throws {
        let fixture = Fixture(count: 8)
        let directory = try fixture.write()
        let keyFile = directory + ".verifier-key"
        try Data((fixture.signer.verifierKey.stringValue + "\n").utf8).write(to: URL(fileURLWithPath: keyFile))
        let outcome = try run([directory, "--key-file", keyFile, "--json"])
        #expect(outcome.status == 0)
        let json = try JSONValue.parse(Array(outcome.standardOutput.utf8.dropLast()))
        #expect(json["result"] == "intact")
        #expect(json["keyPinned"] == true)
        #expect(json["entries"] == 8)
        #expect(json["subjects"] == 3)
        #expect(json["failure"] == .null)
        #expect(json["root"]?.stringValue == Fixture.root(of: fixture.lines).hex)
    }

    @Test("exit 1 for a tampered store, naming the line")
    func tampered() throws {
        var fixture = Fixture(count: 8)
        fixture.lines.remove(at: 4)
        let outcome = try run([try fixture.write(), "--key", fixture.signer.verifierKey.stringValue])
        #expect(outcome.status == 1)
        #expect(
            outcome.standardOutput.contains(
                "FAILED: events.jsonl line 5 (seq 4, byte offset \(fixture.offset(ofLine: 5)))"))
        #expect(outcome.standardOutput.contains("[entry.seq]"))
        #expect(outcome.standardOutput.contains("result:      BROKEN"))
    }

    @Test("exit 1 for a rollback exposed by --checkpoint")
    func rollback() throws {
        let full = Fixture(count: 8)
        var rolledBack = full
        rolledBack.lines.removeLast(3)
        rolledBack.notes.removeLast(3)
        let directory = try rolledBack.write()
        let saved = directory + ".saved-checkpoint"
        try Data(full.notes.last!.utf8).write(to: URL(fileURLWithPath: saved))
        #expect(try run([directory]).status == 0)
        let outcome = try run([directory, "--checkpoint", saved, "--json"])
        #expect(outcome.status == 1)
        let json = try JSONValue.parse(Array(outcome.standardOutput.utf8.dropLast()))
        #expect(json["failure"]?["check"] == "saved.beyondLog")
    }

    @Test("exit 2 when it cannot run: missing store, bad key, unknown option, unreadable checkpoint")
    func cannotRun() throws {
        let missing = try run(["/nonexistent/store"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("store.missing"))

        let directory = try Fixture(count: 3).write()
        #expect(try run([directory, "--key", "not-a-key"]).status == 2)
        #expect(try run([directory, "--bogus"]).status == 2)
        #expect(try run([directory, "--checkpoint", directory + "/no-such-file"]).status == 2)
        let json = try run([directory, "--key", "x", "--json"])
        #expect(json.status == 2)
        #expect(try JSONValue.parse(Array(json.standardOutput.utf8.dropLast()))["error"]?["code"] == "key.invalid")
    }
}
