import EventLog
import Foundation
import LogCrypto
import Testing

@Suite("Writer: append")
struct WriterAppendTests {
    @Test("append returns consecutive seqs chained by prev, stored byte for byte")
    func consecutiveAndChained() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        var returned: [LogEntry] = []
        for index in 0..<5 {
            returned += try await writer.append([draft(subject: "S-00\(index)", ["index": .integer(Int64(index))])])
        }
        #expect(returned.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(writer.size == 6)

        let lines = try store.eventLines()
        #expect(lines.count == 6)
        for entry in returned {
            let line = lines[Int(entry.seq)]
            #expect(entry.canonicalLine() == line)
            #expect(entry.prev == Merkle.leafHash(lines[Int(entry.seq) - 1]))
            #expect(try LogEntry(line: line) == entry)
        }
        let read = try writer.reader.entries(from: 1).collect()
        #expect(read == returned)
        await writer.close()
        try checkStoreIntegrity(store.location)
    }

    @Test("at comes from the clock and never goes backwards")
    func atNonDecreasing() async throws {
        let store = ScratchStore()
        let clock = TestClock(Timestamp(microsecondsSinceEpoch: 1_750_000_000_000_000))
        let (writer, _) = try await makeWriter(store, clock: clock)
        clock.advance(microseconds: 10)
        let a = try await writer.append(draft())
        clock.advance(microseconds: -1_000_000)  // the clock steps back a second
        let b = try await writer.append(draft())
        clock.advance(microseconds: 500_000)  // still before a.at
        let c = try await writer.append(draft())
        clock.advance(microseconds: 2_000_000)  // now past a.at
        let d = try await writer.append(draft())

        #expect(a.at.microsecondsSinceEpoch == 1_750_000_000_000_010)
        #expect(b.at == a.at)
        #expect(c.at == a.at)
        #expect(d.at == clock.now())
        #expect(d.at > a.at)
        await writer.close()
        try checkStoreIntegrity(store.location)
    }

    @Test("the signed checkpoint after an append covers it")
    func checkpointCoversAppend() async throws {
        let store = ScratchStore()
        let (writer, key) = try await makeWriter(store)
        try await writer.append([draft(), draft(), draft()])
        let note = writer.latestCheckpointNote
        #expect(try writer.reader.latestCheckpointNote() == note)
        let verifier = NoteVerifierKey(name: testOrigin, publicKey: key.verifyingKey)
        guard case .verified(let body) = SignedNote.open(note, verifier: verifier) else {
            Issue.record("checkpoint does not verify")
            return
        }
        let checkpoint = try Checkpoint(parsingBody: body)
        #expect(checkpoint.size == 4)
        #expect(checkpoint.origin == testOrigin)
        #expect(checkpoint.rootHash == Merkle.root(of: try store.eventLines().map { Merkle.leafHash($0) }))
        await writer.close()
        // Closing leaves it in the `checkpoint` file.
        #expect(try String(contentsOf: store.location.checkpointURL, encoding: .utf8) == note)
    }
}
