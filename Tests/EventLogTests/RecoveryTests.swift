import EventLog
import Foundation
import LogCrypto
import Testing

@Suite("Recovery on open")
struct RecoveryTests {
    /// A store with entries 0...3, closed.
    private func closedStore(clock: TestClock = TestClock()) async throws -> (ScratchStore, Ed25519SigningKey) {
        let store = ScratchStore()
        let (writer, key) = try await makeWriter(store, clock: clock)
        try await writer.append([draft(subject: "S-001"), draft(subject: "S-002")])
        try await writer.append([draft(subject: "S-003")])
        await writer.close()
        return (store, key)
    }

    private func recoveredEntry(_ entries: [LogEntry]) throws -> LogEntry {
        let last = try #require(entries.last)
        #expect(last.type == "log.recovered")
        #expect(last.actor.id == "system")
        #expect(last.actor.role == "system")
        return last
    }

    @Test("a torn final line is set aside byte for byte and recorded")
    func tornFinalLine() async throws {
        let (store, key) = try await closedStore()
        let before = try store.eventsBytes()
        let torn = Array(#"{"actor":{"id":"u-1001","name":"Dana Coord"#.utf8)
        try store.appendToEvents(torn)

        let writer = try await LogWriter.open(at: store.location, signingKey: key)
        #expect(writer.size == 5)
        await writer.close()

        let files = try store.recoveredFiles()
        #expect(files.count == 1)
        let file = try #require(files.first)
        #expect(file.lastPathComponent.hasSuffix("-from-seq-4.jsonl"))
        #expect([UInt8](try Data(contentsOf: file)) == torn)

        let entries = try checkStoreIntegrity(store.location)
        #expect(Array(try store.eventsBytes().prefix(before.count)) == before)
        let recovered = try recoveredEntry(entries)
        #expect(recovered.seq == 4)
        #expect(recovered.data["entries"] == .integer(0))
        #expect(recovered.data["partialLine"] == .bool(true))
        #expect(recovered.data["bytes"] == .integer(Int64(torn.count)))
        #expect(recovered.data["sha256"] == .string(SHA256.hash(torn).hex))
        #expect(recovered.data["file"] == .string("recovered/" + file.lastPathComponent))
        #expect(recovered.data["fromSeq"] == .integer(4))
        #expect(recovered.data["throughSeq"] == .integer(4))
    }

    @Test("complete entries no checkpoint covers are set aside, never signed")
    func uncheckpointedEntries() async throws {
        let (store, key) = try await closedStore()
        let lines = try store.eventLines()
        let last = try LogEntry(line: lines.last!)
        // Two well-formed, correctly chained entries written behind the writer's back, plus a torn one.
        let forged1 = LogEntry(
            seq: 4, prev: Merkle.leafHash(lines.last!), at: last.at, type: "subject.enrolled",
            actor: coordinator, data: [:], subject: "S-999")
        let forged2 = LogEntry(
            seq: 5, prev: forged1.entryHash, at: last.at, type: "subject.enrolled",
            actor: coordinator, data: [:], subject: "S-998")
        var extra = forged1.canonicalLine() + [UInt8(ascii: "\n")] + forged2.canonicalLine() + [UInt8(ascii: "\n")]
        extra += Array(#"{"actor":"#.utf8)
        try store.appendToEvents(extra)

        let writer = try await LogWriter.open(at: store.location, signingKey: key)
        await writer.close()

        let entries = try checkStoreIntegrity(store.location)
        #expect(entries.count == 5)
        #expect(!entries.contains { $0.subject == "S-999" || $0.subject == "S-998" })
        let recovered = try recoveredEntry(entries)
        #expect(recovered.seq == 4)
        #expect(recovered.data["entries"] == .integer(2))
        #expect(recovered.data["partialLine"] == .bool(true))
        #expect(recovered.data["bytes"] == .integer(Int64(extra.count)))
        #expect(recovered.data["sha256"] == .string(SHA256.hash(extra).hex))
        #expect(recovered.data["fromSeq"] == .integer(4))
        #expect(recovered.data["throughSeq"] == .integer(6))
        let file = try #require(try store.recoveredFiles().first)
        #expect([UInt8](try Data(contentsOf: file)) == extra)
        #expect(recovered.data["file"] == .string("recovered/" + file.lastPathComponent))

        // A second open finds nothing more to recover.
        let again = try await LogWriter.open(at: store.location, signingKey: key)
        #expect(await again.size == 5)
        await again.close()
        #expect(try store.recoveredFiles().count == 1)
    }

    @Test("a torn checkpoints.jsonl line and a stale checkpoint file are repaired")
    func checkpointFilesRepaired() async throws {
        let (store, key) = try await closedStore()
        let history = splitLines([UInt8](try Data(contentsOf: store.location.checkpointHistoryURL)))
        // The checkpoint file as before the last batch (rename lost), and a torn history append.
        let older = try #require(JSONValue.parse(history[history.count - 2])["note"]?.stringValue)
        try Data(older.utf8).write(to: store.location.checkpointURL)
        let handle = try FileHandle(forWritingTo: store.location.checkpointHistoryURL)
        try handle.seekToEnd()
        let tornHistory = Data(#"{"note":"screening.exam"#.utf8)
        try handle.write(contentsOf: tornHistory)
        try handle.close()

        let writer = try await LogWriter.open(at: store.location, signingKey: key)
        await writer.close()
        let entries = try checkStoreIntegrity(store.location)
        let recovered = try recoveredEntry(entries)
        #expect(recovered.data["entries"] == .integer(0))
        #expect(recovered.data["checkpointsBytes"] == .integer(Int64(tornHistory.count)))
        #expect(recovered.data["file"] == nil)
    }

    @Test("an empty checkpoint file (torn replace) is restored from checkpoints.jsonl")
    func emptyCheckpointFile() async throws {
        let (store, key) = try await closedStore()
        let before = try store.eventsBytes()
        try Data().write(to: store.location.checkpointURL)
        let writer = try await LogWriter.open(at: store.location, signingKey: key)
        #expect(writer.size == 4)
        await writer.close()
        #expect(try store.eventsBytes() == before)
        try checkStoreIntegrity(store.location)
    }

    @Test("an edited line inside the checkpointed prefix refuses to open when the whole log is checked")
    func editedLine() async throws {
        let (store, key) = try await closedStore()
        // Without the writer's resume point open checks every line (OpenResumeTests: with it).
        try FileManager.default.removeItem(
            at: store.location.secretsURL.appendingPathComponent(StoreLocation.resumePointFileName))
        var bytes = try store.eventsBytes()
        let text = String(decoding: bytes, as: UTF8.self)
        let range = try #require(text.range(of: "S-002"))
        let offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
        bytes[offset + 4] = UInt8(ascii: "7")  // S-002 -> S-007
        try Data(bytes).write(to: store.eventsURL)
        try await expectRefusal(store, key, code: "store.corrupt")
        #expect(try store.eventsBytes() == bytes)
    }

    @Test("a re-chained edit (prev fixed up) still fails the signed root")
    func rechainedEdit() async throws {
        let (store, key) = try await closedStore()
        var lines = try store.eventLines()
        var entries = try lines.map { try LogEntry(line: $0) }
        entries[2].subject = "S-777"
        for index in 2..<entries.count {
            if index > 2 { entries[index].prev = entries[index - 1].entryHash }
            lines[index] = entries[index].canonicalLine()
        }
        try Data(lines.flatMap { $0 + [UInt8(ascii: "\n")] }).write(to: store.eventsURL)
        try await expectRefusal(store, key, code: "store.corrupt")
    }

    @Test("a missing checkpoint, a bad signature, or a log cut below the remembered checkpoint refuses to open")
    func otherDamage() async throws {
        do {
            let (store, key) = try await closedStore()
            try FileManager.default.removeItem(at: store.location.checkpointURL)
            try await expectRefusal(store, key, code: "store.corrupt")
        }
        do {
            let (store, key) = try await closedStore()
            var history = [UInt8](try Data(contentsOf: store.location.checkpointHistoryURL))
            // Flip a base64 character of the last signature (a few characters before `\n"}\n`).
            let index = history.count - 12
            history[index] = history[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            try Data(history).write(to: store.location.checkpointHistoryURL)
            try await expectRefusal(store, key, code: "store.corrupt")
        }
        do {
            let (store, key) = try await closedStore()
            let lines = try store.eventLines()
            try Data(lines.dropLast().flatMap { $0 + [UInt8(ascii: "\n")] }).write(to: store.eventsURL)
            // Without the writer's memory this is what a crash leaves (RecoveryCheckpointAheadTests).
            try await expectRefusal(store, key, code: "store.rolled_back")
        }
    }

    private func expectRefusal(
        _ store: ScratchStore, _ key: Ed25519SigningKey, code: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        do {
            let writer = try await LogWriter.open(at: store.location, signingKey: key)
            await writer.close()
            Issue.record("open succeeded", sourceLocation: sourceLocation)
        } catch let error as LogStoreError {
            #expect(error.code == code, sourceLocation: sourceLocation)
            #expect(error.reason.contains("verify"), sourceLocation: sourceLocation)
        }
        #expect(try store.recoveredFiles().isEmpty, sourceLocation: sourceLocation)
    }
}
