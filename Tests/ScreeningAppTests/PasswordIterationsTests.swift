import EventLog
import Foundation
import Testing

@testable import ScreeningApp

@Suite("PBKDF2 iteration counts have a floor and a range")
struct PasswordIterationsTests {
    static func configuration(_ directory: TemporaryDirectory, iterations: Int, allowWeak: Bool) -> AppConfiguration {
        AppConfiguration(
            storeDirectory: directory.url.appendingPathComponent("eventstore"), passwordIterations: iterations,
            allowWeakPasswordHashing: allowWeak)
    }

    @Test("below 600,000 is refused unless explicitly allowed; <= 0 and > Int32.max always", arguments: [
        (599_999, false, false), (600_000, false, true), (1_000, true, true),
        (0, true, false), (-5, false, false), (Int(Int32.max) + 1, true, false),
    ])
    func floor(iterations: Int, allowWeak: Bool, accepted: Bool) throws {
        let directory = TemporaryDirectory()
        let configuration = Self.configuration(directory, iterations: iterations, allowWeak: allowWeak)
        if accepted {
            try configuration.validate()
        } else {
            let error = #expect(throws: AppError.self) { try configuration.validate() }
            #expect(error?.code == "config.password_iterations")
        }
    }

    @Test("create refuses a weak configuration before writing anything")
    func createRefuses() async throws {
        let directory = TemporaryDirectory()
        let configuration = Self.configuration(directory, iterations: 1_000, allowWeak: false)
        let error = await #expect(throws: AppError.self) {
            _ = try await ScreeningService.create(
                configuration, admin: NewAccount(id: "admin", name: "Ada Admin", role: .admin), password: Fixture.adminPassword)
        }
        #expect(error?.code == "config.password_iterations")
        #expect(!FileManager.default.fileExists(atPath: configuration.storeDirectory.path))
    }

    @Test("a credentials file with an out-of-range iteration count is refused with a clear error on load")
    func loadRangeChecked() throws {
        let directory = TemporaryDirectory()
        let secrets = directory.url.appendingPathComponent("secrets")
        try FileManager.default.createDirectory(at: secrets, withIntermediateDirectories: true)
        for iterations in ["0", "4294967296"] {
            let text = #"{"credentials":{"ann":{"algorithm":"pbkdf2-sha256","hash":"AAAA","iterations":"#
                + iterations + #","salt":"AAAA"}},"version":1}"#
            let path = secrets.appendingPathComponent(CredentialStore.fileName)
            try Data(text.utf8).write(to: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path.path)
            let error = #expect(throws: AppError.self) { _ = try CredentialStore.load(secretsDirectory: secrets) }
            #expect(error?.code == "credentials.corrupt")
            #expect(error?.reason.contains("iterations") == true, "\(iterations)")
        }
    }
}
