import EventLog
import Foundation
import LogCrypto
import Testing

/// A batch's events and its checkpoint line are fdatasynced concurrently, so a crash can leave the
/// checkpoint line durable while its events are torn or missing. open() must step back to the
/// latest checkpoint whose entries are present and set the rest aside.
@Suite("Recovery: checkpoint line durable, its events lost")
struct RecoveryCheckpointAheadTests {
    enum Damage: CaseIterable {
        /// The last batch's line was partly written.
        case torn
        /// None of the last batch's bytes survived.
        case missing
    }

    /// What the crash left and what the store held before the last batch.
    struct Crashed {
        var store: ScratchStore
        var key: Ed25519SigningKey
        /// The checkpoints.jsonl line of the lost batch, with its "\n".
        var lostCheckpointLine: [UInt8]
        /// The bytes of the lost batch that reached events.jsonl.
        var tornBytes: [UInt8]
    }

    /// Entries 0...2 (checkpoints of 1 and 3 entries) published, then a batch with entry 3 whose
    /// checkpoint line (4 entries) is durable while its event is `damage`d. The `checkpoint` file and
    /// the writer's memory are those of 3 entries: the last batch was never published.
    private func crashDuringLastBatch(_ damage: Damage, keepMemory: Bool) async throws -> Crashed {
        let store = ScratchStore()
        let (writer, key) = try await makeWriter(store)
        try await writer.append([draft(subject: "S-001"), draft(subject: "S-002")])
        let secrets = try FileManager.default.contentsOfDirectory(
            at: store.location.secretsURL, includingPropertiesForKeys: nil
        ).filter { $0.lastPathComponent.hasPrefix(StoreLocation.lastCheckpointFileName) }
        let published = try secrets.map { ($0, try Data(contentsOf: $0)) }
        #expect(published.count == 2, "last-checkpoint and its resume point")
        let checkpointFile = try Data(contentsOf: store.location.checkpointURL)
        let eventsBefore = try store.eventsBytes()
        try await writer.append([draft(subject: "S-003")])
        await writer.close()

        let history = splitLines([UInt8](try Data(contentsOf: store.location.checkpointHistoryURL)))
        #expect(history.count == 3)
        let lastLine = try store.eventsBytes()[eventsBefore.count...]
        let torn = damage == .torn ? Array(lastLine.prefix(lastLine.count / 2)) : []
        try Data(eventsBefore + torn).write(to: store.location.eventsURL)
        try checkpointFile.write(to: store.location.checkpointURL)
        for (url, bytes) in published {
            if keepMemory { try bytes.write(to: url) } else { try FileManager.default.removeItem(at: url) }
        }
        return Crashed(store: store, key: key, lostCheckpointLine: history[2] + [UInt8(ascii: "\n")], tornBytes: torn)
    }

    @Test(
        "open steps back to the latest checkpoint whose entries are present and sets the later one aside",
        arguments: Damage.allCases, [true, false])
    func checkpointAheadOfEvents(damage: Damage, keepMemory: Bool) async throws {
        let crashed = try await crashDuringLastBatch(damage, keepMemory: keepMemory)
        let store = crashed.store

        // Before recovery, the verifier reports the checkpoint beyond the log.
        let before = try StoreVerifier(storeDirectory: store.location.storeURL.path).verify()
        #expect(!before.isIntact)

        let writer = try await LogWriter.open(at: store.location, signingKey: crashed.key)
        #expect(writer.size == 4, "3 entries and log.recovered")
        await writer.close()

        let entries = try checkStoreIntegrity(store.location)
        #expect(entries.count == 4)
        #expect(!entries.contains { $0.subject == "S-003" })
        let recovered = try #require(entries.last)
        #expect(recovered.type == LogWriter.recoveredType)
        #expect(recovered.seq == 3)
        #expect(recovered.data["fromSeq"] == .integer(3))
        #expect(recovered.data["entries"] == .integer(0))
        #expect(recovered.data["partialLine"] == .bool(damage == .torn))
        #expect(recovered.data["checkpoints"] == .integer(1))
        #expect(recovered.data["checkpointsBytes"] == .integer(Int64(crashed.lostCheckpointLine.count)))
        #expect(recovered.data["checkpointsSha256"] == .string(SHA256.hash(crashed.lostCheckpointLine).hex))
        let checkpointsFile = try #require(recovered.data["checkpointsFile"]?.stringValue)
        #expect(
            [UInt8](try Data(contentsOf: store.location.storeURL.appendingPathComponent(checkpointsFile)))
                == crashed.lostCheckpointLine)
        switch damage {
        case .torn:
            #expect(recovered.data["bytes"] == .integer(Int64(crashed.tornBytes.count)))
            #expect(recovered.data["throughSeq"] == .integer(3))
            let file = try #require(recovered.data["file"]?.stringValue)
            #expect([UInt8](try Data(contentsOf: store.location.storeURL.appendingPathComponent(file))) == crashed.tornBytes)
            #expect(try store.recoveredFiles().count == 2)
        case .missing:
            #expect(recovered.data["file"] == nil)
            #expect(try store.recoveredFiles().count == 1)
        }

        let report = try StoreVerifier(storeDirectory: store.location.storeURL.path).verify()
        #expect(report.isIntact, "\(report.failure?.location ?? ""): \(report.failure?.message ?? "")")
        #expect(report.summary.entries == 4)

        // A second open finds nothing more to recover, and the log grows on.
        let again = try await LogWriter.open(at: store.location, signingKey: crashed.key)
        try await again.append(draft(subject: "S-004"))
        #expect(await again.size == 5)
        await again.close()
        #expect(try checkStoreIntegrity(store.location).count == 5)
    }

    @Test("a store cut below the remembered checkpoint is refused, not recovered")
    func cutBelowMemory() async throws {
        let crashed = try await crashDuringLastBatch(.missing, keepMemory: true)
        let store = crashed.store
        // The writer published 4 entries after all: its memory says so.
        let writer = try await LogWriter.open(at: store.location, signingKey: crashed.key)
        await writer.close()
        let lines = try store.eventLines()
        try Data(lines.dropLast().flatMap { $0 + [UInt8(ascii: "\n")] }).write(to: store.location.eventsURL)
        let recoveredBefore = try store.recoveredFiles().count

        let error = await #expect(throws: LogStoreError.self) {
            _ = try await LogWriter.open(at: store.location, signingKey: crashed.key)
        }
        #expect(error?.code == LogStoreError.rolledBackCode)
        #expect(try store.recoveredFiles().count == recoveredBefore)
    }
}
