import EventLog
import Foundation
import LogCrypto
import Testing

/// Verification of a store while its writer appends: a snapshot up to the latest checkpoint.
@Suite("Verification of a store a writer is appending to")
struct VerificationSnapshotTests {
    static func drafts(_ count: Int, task: Int, round: Int) -> [EventDraft] {
        (0..<count).map { index in
            draft(subject: "S-\(task)", ["round": .integer(Int64(round)), "index": .integer(Int64(index))])
        }
    }

    @Test("verifying repeatedly while many tasks append always finds the store intact, as a snapshot")
    func healthyStoreUnderAppends() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        let path = store.location.storeURL.path
        let verifications = Task.detached { () -> [VerificationReport] in
            var reports: [VerificationReport] = []
            while !Task.isCancelled || reports.count < 20 {
                reports.append(try StoreVerifier(storeDirectory: path).verify())
            }
            return reports
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for round in 0..<40 { _ = try await writer.append(Self.drafts(1 + round % 3, task: task, round: round)) }
                }
            }
            try await group.waitForAll()
        }
        verifications.cancel()
        let reports = try await verifications.value
        #expect(reports.count >= 20)
        for report in reports {
            #expect(report.isIntact, "\(report.failure?.check.rawValue ?? ""): \(report.failure?.message ?? "")")
            #expect(report.summary.writerActive)
            #expect(report.summary.entries == report.summary.checkpointSize)
            #expect(report.renderedText().contains("verified as a snapshot up to checkpoint size"))
            #expect(report.renderedJSON().contains(#""writerActive":true"#))
        }
        let size = writer.size
        await writer.close()

        let atRest = try StoreVerifier(storeDirectory: path).verify()
        #expect(atRest.isIntact)
        #expect(!atRest.summary.writerActive)
        #expect(atRest.summary.entries == size)
        #expect(atRest.summary.pendingBytes == nil)
    }

    @Test("an entry altered in the checkpointed prefix is detected while the writer is open")
    func tamperingDetectedInSnapshot() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        for round in 0..<4 { _ = try await writer.append(Self.drafts(3, task: 1, round: round)) }
        var bytes = try store.eventsBytes()
        let needle = Array(#""round":2"#.utf8)
        let at = try #require((0...(bytes.count - needle.count)).first { bytes[$0..<$0 + needle.count].elementsEqual(needle) })
        bytes[at + needle.count - 1] = UInt8(ascii: "3")
        try Data(bytes).write(to: store.eventsURL)

        let report = try StoreVerifier(storeDirectory: store.location.storeURL.path).verify()
        #expect(!report.isIntact)
        #expect(report.summary.writerActive)
        await writer.close()
    }

    @Test("lines past the last checkpoint fail at rest but are only pending when the caller says a writer is active")
    func assumeActive() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        _ = try await writer.append(Self.drafts(3, task: 2, round: 0))
        await writer.close()
        let lines = try store.eventLines()
        // A copy of the last line appended by hand: no checkpoint covers it (and its seq repeats).
        try store.appendToEvents(lines.last! + [UInt8(ascii: "\n")])

        let atRest = try StoreVerifier(storeDirectory: store.location.storeURL.path).verify()
        #expect(!atRest.isIntact)
        #expect(!atRest.summary.writerActive)
        let live = try StoreVerifier(storeDirectory: store.location.storeURL.path, writerActivity: .assumeActive).verify()
        #expect(live.isIntact)
        #expect(live.summary.entries == 4)
        #expect(live.summary.pendingBytes == Int64(lines.last!.count + 1))
    }
}
