import EventLog
import Foundation
import Testing

/// A transaction that appends nothing, and `waitUntilDurable`, wait for what was staged before.
@Suite("Writer durability barrier")
struct WriterBarrierTests {
    @Test("an empty transaction returns only once the entries staged before it are checkpointed")
    func emptyTransactionWaits() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        let reader = writer.reader
        var waited = 0
        for round in 0..<30 {
            let appends = (0..<4).map { task in
                Task { try await writer.append(draft(subject: "S-\(task)", ["round": .integer(Int64(round))])) }
            }
            await Task.yield()
            // The body runs when the barrier is staged: nextSeq is the staged size then.
            let (observed, _) = try await writer.transact { transaction in
                (staged: transaction.nextSeq, acknowledged: try reader.acknowledgedSize())
            }
            if observed.acknowledged < observed.staged { waited += 1 }
            let acknowledgedAfter = try reader.acknowledgedSize()
            #expect(acknowledgedAfter >= observed.staged, "barrier returned before size \(observed.staged) was published")
            #expect(writer.size >= observed.staged)
            for append in appends { _ = try await append.value }
        }
        // The test exercised the wait: some barriers were issued with entries still in flight.
        #expect(waited > 0)

        // waitUntilDurable is the same barrier.
        let late = Task { try await writer.append(draft(subject: "S-9")) }
        await Task.yield()
        let (staged, _) = try await writer.transact { $0.nextSeq }
        try await writer.waitUntilDurable()
        #expect(try reader.acknowledgedSize() >= staged)
        _ = try await late.value
        await writer.close()
        await #expect(throws: LogStoreError.self) { try await writer.waitUntilDurable() }
    }
}
