import EventLog
import Foundation
import Testing

/// `log.*` types belong to the writer: only `log.created` and `log.recovered` (actor `system`).
@Suite("Verification of the writer's reserved log.* types")
struct VerificationReservedTypeTests {
    /// A fixture whose entry 2 was changed by `change`, then re-linked and re-signed by the key
    /// holder, so that only the reserved-type rule can catch it.
    static func verifyResigned(_ change: (inout LogEntry) -> Void) throws -> VerificationReport {
        var fixture = VerificationFixture(count: 5)
        fixture.replaceEntry(2, change)
        fixture.relink(from: 3)
        fixture.resign(sizes: [5])
        return try VerificationFixture.verify(try fixture.write())
    }

    @Test("a log.* type the writer never writes fails entry.reserved")
    func unknownLogType() throws {
        let report = try Self.verifyResigned { $0.type = "log.truncated" }
        let failure = try #require(report.failure)
        #expect(failure.check == .entryReserved)
        #expect(failure.line == 3 && failure.seq == 2)
    }

    @Test("log.recovered by an actor other than system fails entry.reserved")
    func recoveredByAPerson() throws {
        let report = try Self.verifyResigned { entry in
            entry.type = "log.recovered"
            entry.data = ["fromSeq": 2, "entries": 0, "bytes": 0, "partialLine": false]
        }
        let failure = try #require(report.failure)
        #expect(failure.check == .entryReserved)
        #expect(failure.expected.contains("system"))
    }

    @Test("log.recovered by system, and ordinary types, stay intact")
    func recoveredBySystem() throws {
        let report = try Self.verifyResigned { entry in
            entry.type = "log.recovered"
            entry.actor = LogWriter.systemActor
            entry.data = ["fromSeq": 2, "entries": 0, "bytes": 0, "partialLine": false]
        }
        #expect(report.isIntact, "\(report.failure?.check.rawValue ?? "")")
        #expect(try Self.verifyResigned { $0.type = "logistics.noted" }.isIntact)
    }
}
