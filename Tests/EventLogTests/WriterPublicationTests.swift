@testable import EventLog
import Foundation
import Testing

/// The `checkpoint` file and the writer's memory are replaced after the acknowledgement, off its
/// path: a writer's reader sees every acknowledged entry at once, the files catch up, and a
/// failed replacement stops the writer without losing what was acknowledged.
@Suite("Writer: publication after acknowledgement")
struct WriterPublicationTests {
    @Test("a writer's reader sees every entry whose append returned, from many tasks")
    func readerSeesAcknowledged() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        let reader = writer.reader
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for round in 0..<20 {
                        let entry = try await writer.append(draft(subject: "S-\(task)", ["round": .integer(Int64(round))]))
                        #expect(try reader.acknowledgedSize() > entry.seq)
                        let read = try reader.entries(from: entry.seq, through: entry.seq).collect()
                        #expect(read == [entry])
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try reader.acknowledgedSize() == 1 + 8 * 20)
        #expect(try reader.latestCheckpointNote() == writer.latestCheckpointNote)
        await writer.close()
    }

    @Test("the checkpoint file and the memory catch up with the writer, and close makes them the last note")
    func filesCatchUp() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        for round in 0..<10 { try await writer.append(draft(subject: "S-1", ["round": .integer(Int64(round))])) }
        let note = writer.latestCheckpointNote
        // Another process's reader takes the extent from the file, which follows shortly.
        let fileReader = LogReader(store: store.location)
        var waited = 0
        while try fileReader.latestCheckpointNote() != note, waited < 500 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        #expect(try fileReader.latestCheckpointNote() == note)
        #expect(try fileReader.acknowledgedSize() == 11)
        await writer.close()

        let history = splitLines([UInt8](try Data(contentsOf: store.location.checkpointHistoryURL)))
        let lastNote = try #require(history.last.flatMap(CheckpointFiles.note(fromHistoryLine:)))
        #expect(lastNote == note)
        #expect(try String(contentsOf: store.location.checkpointURL, encoding: .utf8) == note)
        #expect(try String(contentsOf: store.location.lastCheckpointURL, encoding: .utf8) == note)
        try checkStoreIntegrity(store.location)
    }

    @Test("a checkpoint file that cannot be replaced stops the writer; what was acknowledged survives")
    func failedPublicationStops() async throws {
        let store = ScratchStore()
        let (writer, key) = try await makeWriter(store)
        var acknowledged: [LogEntry] = [try await writer.append(draft(subject: "S-1", ["round": 0]))]
        // A directory where the temporary file must go: creating it fails, even for root.
        try FileManager.default.createDirectory(
            atPath: store.location.storePath + "/.checkpoint.tmp", withIntermediateDirectories: false)
        var refusal: LogStoreError?
        for round in 1...200 {
            do {
                acknowledged.append(try await writer.append(draft(subject: "S-1", ["round": .integer(Int64(round))])))
                try await Task.sleep(for: .milliseconds(5))
            } catch let error as LogStoreError {
                refusal = error
                break
            }
        }
        let stopped = try #require(refusal, "the writer went on after its checkpoint file could not be replaced")
        #expect(stopped.code == LogStoreError.poisonedCode)
        await writer.close()

        try FileManager.default.removeItem(atPath: store.location.storePath + "/.checkpoint.tmp")
        let reopened = try await LogWriter.open(at: store.location, signingKey: key, clock: TestClock())
        let read = try reopened.reader.entries(from: 1).collect()
        #expect(Array(read.prefix(acknowledged.count)) == acknowledged)
        await reopened.close()
        try checkStoreIntegrity(store.location)
    }
}
