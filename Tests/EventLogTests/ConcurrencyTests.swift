import EventLog
import Foundation
import LogCrypto
import Testing

@Suite("Writer: concurrent appends and group commit")
struct ConcurrencyTests {
    @Test("200 tasks x 20 appends: gap-free seqs, each event exactly once, batches grouped")
    func manyTasks() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store, clock: SystemClock())
        let tasks = 200
        let perTask = 20
        let acknowledged = try await withThrowingTaskGroup(of: [(Int, Int, Int64)].self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var mine: [(Int, Int, Int64)] = []
                    for round in 0..<perTask {
                        let entry = try await writer.append(
                            draft(
                                subject: "T-\(task)",
                                ["task": .integer(Int64(task)), "round": .integer(Int64(round))]
                            ))
                        mine.append((task, round, entry.seq))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [(Int, Int, Int64)]()) { $0 += $1 }
        }
        let total = tasks * perTask
        #expect(acknowledged.count == total)
        #expect(Set(acknowledged.map(\.2)) == Set(1...Int64(total)))
        #expect(writer.size == Int64(total + 1))
        await writer.close()

        let entries = try checkStoreIntegrity(store.location)
        #expect(entries.count == total + 1)
        var seen = Set<[Int64]>()
        for (task, round, seq) in acknowledged {
            let entry = entries[Int(seq)]
            #expect(entry.data["task"] == .integer(Int64(task)))
            #expect(entry.data["round"] == .integer(Int64(round)))
            seen.insert([Int64(task), Int64(round)])
        }
        #expect(seen.count == total)
        // Each task's own appends keep their order in the log.
        for task in 0..<tasks {
            let seqs = acknowledged.filter { $0.0 == task }.sorted { $0.1 < $1.1 }.map(\.2)
            #expect(seqs == seqs.sorted())
        }
        let checkpoints = splitLines([UInt8](try Data(contentsOf: store.location.checkpointHistoryURL))).count
        #expect(checkpoints < total / 4, "batches were grouped: \(checkpoints) checkpoints for \(total) events")
    }
}
