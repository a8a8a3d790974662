import EventLog
import Foundation
import Hummingbird
import ScreeningApp
import Testing

/// Many writers at once through the API: every write lands exactly once, the log has no gaps,
/// and it verifies.
@Suite("Concurrent writers")
struct ConcurrencyTests {
    @Test("a hundred concurrent writers give a gap-free log that verifies")
    func hundredWriters() async throws {
        try await APIFixture.run { client, fixture in
            let screening = try await Screening.begin(client)
            let before = fixture.logSize
            let writers = 100
            let seqs = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for index in 0..<writers {
                    group.addTask {
                        let role: Role = index.isMultiple(of: 2) ? .coordinator : .investigator
                        let response = try await client.post(
                            "/v1/subjects", token: screening.token(role),
                            json: ["screeningNumber": .string("S-\(1000 + index)"), "screeningDate": "2026-11-20"])
                        #expect(response.status == .created, "\(response.text)")
                        return Screening.seq(of: response)
                    }
                }
                var seqs: [Int64] = []
                for try await seq in group { seqs.append(try #require(seq)) }
                return seqs
            }
            #expect(seqs.sorted() == Array(before..<(before + Int64(writers))))
            #expect(fixture.logSize == before + Int64(writers))

            let lines = try Data(contentsOf: fixture.storeDirectory.appendingPathComponent("events.jsonl"))
                .split(separator: UInt8(ascii: "\n"))
            #expect(lines.count == Int(fixture.logSize))
            for (index, line) in lines.enumerated() {
                #expect(try LogEntry(line: Array(line)).seq == Int64(index))
            }
            let report = try StoreVerifier(
                storeDirectory: fixture.storeDirectory.path, keyTrust: try AuditorEndpointTests.pinnedKey(fixture)
            ).verify()
            #expect(report.isIntact, "\(String(describing: report.failure))")
            #expect(report.summary.entries == fixture.logSize)

            let worklist = try await client.get("/v1/worklist", token: screening.token(.coordinator))
            for index in [0, 57, 99] { #expect(worklist.text.contains("S-\(1000 + index)")) }
        }
    }
}
