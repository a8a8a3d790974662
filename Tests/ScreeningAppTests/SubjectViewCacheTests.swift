import EventLog
import Foundation
import Testing

@testable import ScreeningApp

@Suite("Current subject views are cached until the subject or the protocol changes")
struct SubjectViewCacheTests {
    private func view(_ number: String, _ status: String) -> SubjectStatusView {
        SubjectStatusView(screeningNumber: number, asOf: nil, evaluationSHA256: nil, jsonValue: ["status": .string(status)])
    }

    @Test("a view is served only at the version it was built at; the cache stays bounded")
    func versions() {
        let cache = SubjectViewCache(capacity: 2)
        let v1 = SubjectViewCache.Version(lastSeq: 10, protocols: 1)
        cache.store(view("S-1", "screening"), for: "S-1", at: v1)
        #expect(cache.view("S-1", at: v1)?.jsonValue["status"] == "screening")
        #expect(cache.view("S-1", at: .init(lastSeq: 11, protocols: 1)) == nil)
        #expect(cache.view("S-1", at: .init(lastSeq: 10, protocols: 2)) == nil)
        #expect(cache.view("S-2", at: v1) == nil)
        cache.store(view("S-2", "eligible"), for: "S-2", at: v1)
        cache.store(view("S-3", "eligible"), for: "S-3", at: v1)
        #expect(cache.view("S-3", at: v1) != nil)
        #expect(cache.view("S-1", at: v1) == nil)
    }

    @Test("the service's view of a subject reflects a write made after it was read")
    func serviceInvalidates() async throws {
        let (service, _, directory) = try await Fixture.demo()
        _ = directory
        let coordinator = AuthenticatedUser(id: "coord.li", name: "Li Na", role: .coordinator)
        let before = try await service.subjectStatus("S-007").jsonValue
        #expect(try await service.subjectStatus("S-007").jsonValue == before)
        _ = try await service.perform(
            CommandRequest(.assessment, target: "S-007", body: [
                "input": "lipase", "value": ["number": "45"], "unit": "U/L", "uln": "60", "observedOn": "2026-11-25",
                "sourceDocument": "biochemistry panel",
            ]),
            by: coordinator, via: .cli)
        let after = try await service.subjectStatus("S-007").jsonValue
        #expect(after != before)
        #expect(after["evaluationSHA256"] != before["evaluationSHA256"])
        await service.close()
    }
}
