import EventLog
import LogCrypto
import Testing

@testable import ScreeningApp

/// The whole-log audit trail: filters, paging, role access; and recorded exports.
@Suite("Audit trail")
struct AuditTrailTests {
    /// A store with a registered subject (day 1), a failed monitor login, and (two days later) a
    /// keyed role change of `extra` with a reason.
    static func scenario(_ directory: TemporaryDirectory, clock: ManualClock) async throws -> (ScreeningService, String) {
        let service = try await CommandFixtures.service(directory, clock: clock)
        let number = try await CommandFixtures.registered(service)
        _ = try? await service.login(userID: "monitor", password: "wrong-password", via: .http)
        clock.advance(seconds: 2 * 86_400)
        _ = try await service.perform(
            CommandRequest(.changeRole, target: CommandFixtures.extraUser, body: ["role": "investigator", "reason": "covers the PI"]),
            by: CommandFixtures.admin, via: .http, idempotencyKey: "role-key-1")
        return (service, number)
    }

    static let monitor = Fixture.user(.monitor)

    @Test("filters by actor, type, type prefix and subject")
    func filters() async throws {
        let directory = TemporaryDirectory()
        let (service, number) = try await Self.scenario(directory, clock: ManualClock())
        defer { Task { await service.close() } }

        let byUser = try await service.auditTrail(AuditTrailQuery(user: "coordinator"), by: Self.monitor).entries
        #expect(byUser.count >= 2)
        #expect(byUser.allSatisfy { $0.actor.id == "coordinator" })

        let accounts = try await service.auditTrail(AuditTrailQuery(type: "user."), by: Self.monitor).entries
        #expect(accounts.allSatisfy { $0.type.hasPrefix("user.") })
        let failed = try #require(accounts.first { $0.type == "user.login_failed" })
        #expect(failed.actor.id == "system")
        #expect(failed.summary.contains("monitor") && failed.summary.contains("bad_password"))

        let roleChanges = try await service.auditTrail(AuditTrailQuery(type: "user.role_changed"), by: Self.monitor).entries
        let change = try #require(roleChanges.first)
        #expect(roleChanges.count == 1)
        #expect(change.summary == "account extra role coordinator -> investigator")
        #expect(change.reason == "covers the PI" && change.via == "http" && change.actor.role == "admin")
        #expect(!change.summary.contains("role-key-1") && !change.summary.contains("sha256"))
        #expect(change.atSite.hasSuffix("+08:00") && change.atUTC.hasSuffix("Z"))

        let aboutSubject = try await service.auditTrail(AuditTrailQuery(subject: number), by: Self.monitor).entries
        #expect(aboutSubject.count >= 2)
        #expect(aboutSubject.allSatisfy { $0.subject == number })
        let none = try await service.auditTrail(AuditTrailQuery(type: "user.", subject: number), by: Self.monitor).entries
        #expect(none.isEmpty)
    }

    @Test("from and to: bare dates are whole site days, instants are taken as given, bounds inclusive")
    func timeRange() async throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock()
        let start = clock.now
        let (service, _) = try await Self.scenario(directory, clock: clock)
        defer { Task { await service.close() } }
        let site = service.configuration.site
        let firstDay = site.localDate(of: start).iso
        let lastDay = site.localDate(of: clock.now).iso
        #expect(firstDay != lastDay)

        let late = try await service.auditTrail(AuditTrailQuery(from: lastDay), by: Self.monitor).entries
        #expect(late.map(\.type) == ["user.role_changed"])
        let early = try await service.auditTrail(AuditTrailQuery(to: firstDay), by: Self.monitor).entries
        #expect(!early.isEmpty && !early.contains { $0.type == "user.role_changed" })
        #expect(early.count + late.count == Int(service.logSize))
        let exact = try await service.auditTrail(
            AuditTrailQuery(from: clock.now.formatted, to: clock.now.formatted), by: Self.monitor).entries
        #expect(exact.map(\.type) == ["user.role_changed"])

        let error = await #expect(throws: AppError.self) {
            _ = try await service.auditTrail(AuditTrailQuery(from: "last week"), by: Self.monitor)
        }
        #expect(error?.kind == .malformed && error?.field == "from")
    }

    @Test("pages with limit and the fromSeq cursor cover the log exactly once")
    func paging() async throws {
        let directory = TemporaryDirectory()
        let (service, _) = try await Self.scenario(directory, clock: ManualClock())
        defer { Task { await service.close() } }
        var seqs: [Int64] = []
        var cursor: Int64? = 0
        var pages = 0
        while let fromSeq = cursor {
            let page = try await service.auditTrail(AuditTrailQuery(fromSeq: fromSeq, limit: 3), by: Self.monitor)
            #expect(page.entries.count <= 3)
            seqs += page.entries.map(\.seq)
            cursor = page.nextSeq
            pages += 1
        }
        #expect(seqs == Array(0..<service.logSize))
        #expect(pages == (Int(service.logSize) + 2) / 3)

        let filtered = try await service.auditTrail(AuditTrailQuery(type: "user.", limit: 1), by: Self.monitor)
        let next = try #require(filtered.nextSeq)
        let second = try await service.auditTrail(AuditTrailQuery(type: "user.", fromSeq: next, limit: 1), by: Self.monitor)
        #expect(second.entries.first?.seq == next)
        #expect(filtered.entries.first!.seq < next)

        let error = await #expect(throws: AppError.self) {
            _ = try await service.auditTrail(AuditTrailQuery(limit: 0), by: Self.monitor)
        }
        #expect(error?.field == "limit")
    }

    @Test("monitors read everything; admins the entries about no subject; coordinators and investigators nothing")
    func access() async throws {
        let directory = TemporaryDirectory()
        let (service, number) = try await Self.scenario(directory, clock: ManualClock())
        defer { Task { await service.close() } }
        for role in [Role.coordinator, .investigator] {
            let error = await #expect(throws: AppError.self) {
                _ = try await service.auditTrail(AuditTrailQuery(), by: Fixture.user(role))
            }
            #expect(error?.kind == .forbidden)
        }
        let all = try await service.auditTrail(AuditTrailQuery(limit: 5_000), by: Self.monitor).entries
        #expect(all.count == Int(service.logSize))
        let admin = try await service.auditTrail(AuditTrailQuery(limit: 5_000), by: CommandFixtures.admin).entries
        #expect(admin.allSatisfy { $0.subject == nil })
        #expect(admin.contains { $0.type == "user.login_failed" } && admin.contains { $0.type == "user.role_changed" })
        #expect(admin.count == all.filter { $0.subject == nil }.count)
        let error = await #expect(throws: AppError.self) {
            _ = try await service.auditTrail(AuditTrailQuery(subject: number), by: CommandFixtures.admin)
        }
        #expect(error?.kind == .forbidden)
    }

    @Test("an export is recorded as one export.performed entry with the digest of its bytes")
    func recordExport() async throws {
        let directory = TemporaryDirectory()
        let (service, _) = try await Self.scenario(directory, clock: ManualClock())
        defer { Task { await service.close() } }
        let before = service.logSize
        let bytes = Array("seq,at\n0,x\n".utf8)
        let record = ExportRecord(what: "audit-trail", format: "csv", parameters: ["type": "user."], rowCount: 1, bytes: bytes)
        let seq = try await service.recordExport(record, by: Self.monitor, via: .cli)
        #expect(seq == before)
        #expect(service.logSize == before + 1)
        let entry = try #require(try Fixture.entries(service).last)
        #expect(entry.type == "export.performed" && entry.actor.id == "monitor" && entry.data["via"] == "cli")
        #expect(entry.data["sha256"]?.stringValue == SHA256.hash(bytes).hex)
        #expect(entry.data["rowCount"] == .integer(1) && entry.data["parameters"]?["type"] == "user.")
        let shown = try await service.auditTrail(AuditTrailQuery(type: "export."), by: Self.monitor).entries
        #expect(shown.map(\.seq) == [seq])
        #expect(shown[0].summary.contains("audit-trail as csv") && shown[0].summary.contains(SHA256.hash(bytes).hex))

        _ = try await service.perform(
            CommandRequest(.deactivateUser, target: "monitor", body: [:]), by: CommandFixtures.admin, via: .cli)
        let error = await #expect(throws: AppError.self) {
            try await service.recordExport(record, by: Self.monitor, via: .cli)
        }
        #expect(error?.kind == .unauthenticated)
        #expect(service.logSize == before + 2)
    }
}
