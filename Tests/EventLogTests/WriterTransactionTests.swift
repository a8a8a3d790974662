import EventLog
import Foundation
import LogCrypto
import Testing

@Suite("Writer: atomic appends, validation and transactions")
struct WriterTransactionTests {
    @Test("a multi-event append gets consecutive seqs, one at, one checkpoint")
    func atomicMultiAppend() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        let historyBefore = splitLines([UInt8](try Data(contentsOf: store.location.checkpointHistoryURL))).count
        let entries = try await writer.append((0..<4).map { draft(subject: "S-\($0)") })
        #expect(entries.map(\.seq) == [1, 2, 3, 4])
        #expect(Set(entries.map(\.at)).count == 1)
        for pair in zip(entries, entries.dropFirst()) {
            #expect(pair.1.prev == pair.0.entryHash)
        }
        let history = splitLines([UInt8](try Data(contentsOf: store.location.checkpointHistoryURL)))
        #expect(history.count == historyBefore + 1)
        await writer.close()
        try checkStoreIntegrity(store.location)
    }

    @Test(
        "an invalid draft throws naming the field and nothing is written",
        arguments: [
            (EventDraft(type: "", actor: coordinator), "drafts[1].type"),
            (EventDraft(type: "nodots", actor: coordinator), "drafts[1].type"),
            (EventDraft(type: "Subject.screened", actor: coordinator), "drafts[1].type"),
            (EventDraft(type: "log.recovered", actor: coordinator), "drafts[1].type"),
            (
                EventDraft(type: "subject.screened", actor: EventLog.Actor(id: "", name: "A", role: "r")),
                "drafts[1].actor.id"
            ),
            (
                EventDraft(type: "subject.screened", actor: EventLog.Actor(id: "u", name: " ", role: "r")),
                "drafts[1].actor.name"
            ),
            (
                EventDraft(type: "subject.screened", actor: EventLog.Actor(id: "u", name: "A", role: "")),
                "drafts[1].actor.role"
            ),
            (EventDraft(type: "subject.screened", actor: coordinator, subject: ""), "drafts[1].subject"),
            (EventDraft(type: "subject.screened", actor: coordinator, reason: ""), "drafts[1].reason"),
            (
                EventDraft(type: "subject.screened", actor: coordinator, data: ["n": .integer(1 << 53)]),
                "drafts[1].data.n"
            ),
            (
                EventDraft(
                    type: "subject.screened", actor: coordinator,
                    data: ["note": .string(String(repeating: "x", count: 70_000))]), "drafts[1].data.note"
            ),
            (
                EventDraft(
                    type: "subject.screened", actor: coordinator,
                    data: ["list": .array(Array(repeating: .string(String(repeating: "y", count: 60_000)), count: 20))]),
                "drafts[1]"
            ),
        ]
    )
    func rejectedDraft(bad: EventDraft, field: String) async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        try await writer.append([draft()])
        let before = try store.eventsBytes()
        let historyBefore = try Data(contentsOf: store.location.checkpointHistoryURL)
        do {
            try await writer.append([draft(), bad, draft()])
            Issue.record("accepted an invalid draft")
        } catch let error as LogStoreError {
            #expect(error.code == "draft.invalid")
            #expect(error.location == field)
            #expect(!error.reason.contains("yyyy") && !error.reason.contains("xxxx"))
        }
        #expect(try store.eventsBytes() == before)
        #expect(try Data(contentsOf: store.location.checkpointHistoryURL) == historyBefore)
        // The writer is still usable and the seq did not move.
        let next = try await writer.append(draft())
        #expect(next.seq == 2)
        await writer.close()
        try checkStoreIntegrity(store.location)
    }

    @Test("transact exposes seq and at, returns the body's result, and stages nothing if it throws")
    func transact() async throws {
        struct Refused: Error {}
        let store = ScratchStore()
        let clock = TestClock()
        let (writer, _) = try await makeWriter(store, clock: clock)
        clock.advance(microseconds: 7)

        let (result, entries) = try await writer.transact { transaction in
            let firstSeq = transaction.nextSeq
            let at = transaction.at
            let one = try transaction.append(draft())
            let two = try transaction.append(draft(subject: "S-002"))
            return [firstSeq, one.seq, two.seq, at.microsecondsSinceEpoch == one.at.microsecondsSinceEpoch ? 1 : 0]
        }
        #expect(result == [1, 1, 2, 1])
        #expect(entries.map(\.seq) == [1, 2])
        #expect(entries[0].at == clock.now())

        let before = try store.eventsBytes()
        await #expect(throws: Refused.self) {
            _ = try await writer.transact { transaction in
                try transaction.append(draft())
                throw Refused()
            }
        }
        #expect(try store.eventsBytes() == before)

        // A body that catches a rejected draft keeps the others.
        let (_, kept) = try await writer.transact { transaction in
            try transaction.append(draft())
            _ = try? transaction.append(EventDraft(type: "", actor: coordinator))
            try transaction.append(draft())
        }
        #expect(kept.map(\.seq) == [3, 4])
        #expect(kept[1].prev == kept[0].entryHash)

        // Each staged line's length is that of the line stored; a rejected batch leaves none.
        let (lengths, staged) = try await writer.transact { transaction in
            try transaction.append(draft(subject: "S-\u{e9}"))
            _ = try? transaction.append(contentsOf: [draft(), EventDraft(type: "", actor: coordinator)])
            try transaction.append(draft(subject: nil, ["note": "a \"quoted\" value"]))
            return transaction.lineLengths
        }
        #expect(lengths == staged.map { $0.canonicalLine().count })
        #expect(Array(try store.eventLines().suffix(2).map(\.count)) == lengths)

        // Appending nothing returns at once without a checkpoint.
        let (seq, none) = try await writer.transact { $0.nextSeq }
        #expect(seq == 7)
        #expect(none.isEmpty)
        await writer.close()
        try checkStoreIntegrity(store.location)
    }

    @Test("transact bodies run in log order and see earlier staged entries")
    func transactOrder() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        // Each body claims the next number only if the previous body's entry is already staged.
        let results = try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    try await writer.transact { transaction in
                        try transaction.append(draft()).seq
                    }.result
                }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(results.sorted() == Array(1...50))
        await writer.close()
        try checkStoreIntegrity(store.location)
    }
}
