import Foundation
import Testing

/// Runs the built `screening` executable (a dependency of this test target, so SwiftPM builds
/// it next to the test bundle).
struct CLI {
    let directory: URL

    static var executable: URL {
        var candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let binary = candidate.appendingPathComponent("screening")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
            candidate = candidate.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("screening")
    }

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    func run(_ arguments: [String], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["SCREENING_PASSWORD_ITERATIONS"] = "1000"
        environment["SCREENING_ALLOW_WEAK_PASSWORD_HASHING"] = "1"
        environment.removeValue(forKey: "SCREENING_STORE")
        environment.removeValue(forKey: "SCREENING_SECRETS")
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            error: String(decoding: err, as: UTF8.self))
    }
}

@Suite("The screening CLI, end to end")
struct CLITests {
    @Test("init, users, record: a new store, an account and a subject, all through the binary")
    func initAndRecord() throws {
        let directory = TemporaryDirectory()
        let cli = CLI(directory: directory.url)
        let created = try cli.run(["init", "--admin-id", "site.admin", "--admin-name", "Site Admin", "--password-stdin"], input: "admin-password-1\n")
        #expect(created.status == 0, "\(created.error)")
        #expect(created.output.contains("Created store"))
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("eventstore/events.jsonl").path))
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("eventstore.secrets/credentials.json").path))

        let again = try cli.run(["init", "--admin-name", "Someone", "--password-stdin"], input: "admin-password-2\n")
        #expect(again.status != 0)

        let user = try cli.run(
            ["users", "create", "--user", "site.admin", "--password-stdin", "--id", "coord.one", "--name", "Coordinator One", "--role", "coordinator"],
            input: "admin-password-1\ncoord-temporary-1\n")
        #expect(user.status == 0, "\(user.error)")

        // The admin's password is temporary: the holder may do nothing before changing it.
        let blocked = try cli.run(
            ["record", "register", "--user", "coord.one", "--password-stdin", "--screening-number", "S-001", "--screening-date", "2026-11-20", "--sex", "female"],
            input: "coord-temporary-1\n")
        #expect(blocked.status == 1)
        #expect(blocked.error.contains("password.change_required"))
        let changed = try cli.run(
            ["users", "passwd", "--user", "coord.one", "--password-stdin"], input: "coord-temporary-1\ncoord-password-1\n")
        #expect(changed.status == 0, "\(changed.error)")
        #expect(changed.output.contains("Password changed"))

        let registered = try cli.run(
            ["record", "register", "--user", "coord.one", "--password-stdin", "--screening-number", "S-001", "--screening-date", "2026-11-20", "--sex", "female"],
            input: "coord-password-1\n")
        #expect(registered.status == 0, "\(registered.error)")
        #expect(registered.output.contains("subject.registered"))

        let refused = try cli.run(
            ["record", "assess", "S-001", "--user", "coord.one", "--password-stdin", "--input", "ecog", "--number", "7"],
            input: "coord-password-1\n")
        #expect(refused.status == 1)
        #expect(refused.error.contains("value.out_of_range"))

        let wrongPassword = try cli.run(
            ["record", "enrol", "S-001", "--user", "coord.one", "--password-stdin"], input: "not-the-password\n")
        #expect(wrongPassword.status == 1)
        #expect(wrongPassword.error.contains("auth.bad_credentials"))

        let status = try cli.run(["status", "S-001", "--json"])
        #expect(status.status == 0)
        #expect(status.output.contains("\"status\": \"candidate\""))

        let history = try cli.run(["history", "S-001"])
        #expect(history.output.contains("Coordinator One (coord.one, coordinator)"))
        #expect(history.output.contains("cli"))

        let verify = try cli.run(["verify"])
        #expect(verify.status == 0)
        #expect(verify.output.contains("INTACT"))
    }

    @Test("demo, then status, replay as of a past date, history, screening log, audit and verify")
    func demoTour() throws {
        let directory = TemporaryDirectory()
        let cli = CLI(directory: directory.url)
        let demo = try cli.run(["demo", "--store", "demo-store"])
        #expect(demo.status == 0, "\(demo.error)")
        #expect(demo.output.contains("inv.chen"))
        #expect(demo.output.contains("replay --as-of 2026-11-13"))

        let refusal = try cli.run(["demo", "--store", "demo-store"])
        #expect(refusal.status != 0)

        let status = try cli.run(["status", "S-012", "--store", "demo-store"])
        #expect(status.output.contains("status: ineligible"))
        #expect(status.output.contains("VOIDED by seq"))
        #expect(status.output.contains("+08:00"))

        let past = try cli.run(["status", "S-012", "--store", "demo-store", "--as-of", "2026-11-13", "--utc"])
        #expect(past.output.contains("status: eligible"))
        #expect(past.output.contains("- applies"))
        #expect(past.output.contains("last entry considered: seq"))
        #expect(past.output.contains("UTC"))

        let replay = try cli.run(["replay", "--store", "demo-store", "--as-of", "2026-11-13", "--format", "csv"])
        #expect(replay.status == 0)
        #expect(replay.output.contains("S-012,2026-11-12,eligible,eligible,applies"))
        #expect(!replay.output.contains("S-010"))

        let history = try cli.run(["history", "S-002", "--store", "demo-store"])
        #expect(history.output.contains("Corrected alt"))
        #expect(history.output.contains("voids signature seq"))
        #expect(history.output.contains("transcription error"))

        let log = try cli.run(["screening-log", "--store", "demo-store", "--format", "csv"])
        #expect(log.output.hasPrefix("screening_number,screening_date,status"))
        #expect(log.output.contains("S-003,2026-11-05,not-registered,no,criteria,I9a"))

        let audit = try cli.run(["audit", "--store", "demo-store"])
        #expect(audit.status == 0)
        #expect(audit.output.contains("Every signature matches"))

        let worklist = try cli.run(["worklist", "--store", "demo-store", "--json"])
        #expect(worklist.output.contains("\"investigatorSignOff\""))

        let verify = try cli.run(["verify", "--store", "demo-store", "--json"])
        #expect(verify.status == 0)
        #expect(verify.output.contains("\"result\":\"intact\""))
    }
}
