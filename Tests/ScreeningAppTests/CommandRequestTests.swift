import EventLog
import Testing

@testable import ScreeningApp

@Suite("Command requests")
struct CommandRequestTests {
    @Test("The fingerprint ignores passwords but not other fields")
    func fingerprintExcludesSecrets() {
        let first = CommandRequest(.signEligibility, target: "S-001", body: ["evaluationSHA256": "ab", "password": "one", "meaning": "m"])
        let second = CommandRequest(.signEligibility, target: "S-001", body: ["evaluationSHA256": "ab", "password": "two", "meaning": "m"])
        let other = CommandRequest(.signEligibility, target: "S-002", body: ["evaluationSHA256": "ab", "password": "one", "meaning": "m"])
        #expect(first.fingerprint == second.fingerprint)
        #expect(first.fingerprint != other.fingerprint)
    }

    @Test("Every write command has exactly the roles of the matrix")
    func roleMatrix() {
        #expect(Role.admin.may(.createUser))
        #expect(!Role.admin.may(.signEligibility))
        #expect(!Role.admin.may(.register))
        #expect(!Role.monitor.may(.assessment))
        #expect(Role.monitor.may(.auditReviewed))
        #expect(Role.coordinator.may(.register))
        #expect(!Role.coordinator.may(.signEligibility))
        #expect(Role.investigator.may(.signEligibility))
        #expect(Role.investigator.may(.enrol))
    }
}
