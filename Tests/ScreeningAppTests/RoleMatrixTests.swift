import EventLog
import Testing

@testable import ScreeningApp

@Suite("Role matrix for every write command")
struct RoleMatrixTests {
    static let pairs: [(CommandKind, Role)] = CommandKind.allCases.flatMap { kind in Role.allCases.map { (kind, $0) } }

    @Test("Allowed roles succeed; others get forbidden and nothing is written", arguments: pairs)
    func matrix(kind: CommandKind, role: Role) async throws {
        let directory = TemporaryDirectory()
        let service = try await CommandFixtures.service(directory)
        defer { Task { await service.close() } }
        let request = try await CommandFixtures.request(for: kind, by: role, in: service)
        let before = service.logSize
        if role.may(kind) {
            let outcome = try await service.perform(request, by: Fixture.user(role), via: .http)
            #expect(!outcome.recorded.isEmpty)
            #expect(service.logSize == before + Int64(outcome.recorded.count))
            let entries = try Fixture.entries(service).suffix(outcome.recorded.count)
            #expect(entries.allSatisfy { $0.data["via"] == "http" && $0.actor.id == Fixture.user(role).id })
        } else {
            let error = await #expect(throws: AppError.self) {
                _ = try await service.perform(request, by: Fixture.user(role), via: .http)
            }
            #expect(error?.kind == .forbidden)
            #expect(service.logSize == before)
        }
    }

    @Test("The matrix matches the issue: coordinators screen, investigators also sign and enrol, monitors review, admins manage accounts")
    func matrixShape() {
        for kind in CommandKind.allCases {
            let allowed = Set(Role.allCases.filter { $0.may(kind) })
            #expect(allowed.contains(.investigator) || kind.isAccountAdministration || kind == .auditReviewed)
            if kind.isAccountAdministration { #expect(allowed == [.admin]) }
            if kind == .signEligibility || kind == .enrol { #expect(allowed == [.investigator]) }
            #expect(!Role.monitor.may(kind) || kind == .auditReviewed)
        }
    }
}
