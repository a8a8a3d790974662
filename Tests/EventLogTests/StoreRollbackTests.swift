import EventLog
import Foundation
import Testing

/// open() refuses a store restored to an older copy, using the writer's `last-checkpoint` memory.
@Suite("Store rollback detection")
struct StoreRollbackTests {
    @Test("a store restored to an older copy is refused with store.rolled_back")
    func restoredOlderCopy() async throws {
        let store = ScratchStore()
        let (writer, key) = try await makeWriter(store)
        _ = try await writer.append([draft(), draft()])
        await writer.close()
        let copy = store.root.appendingPathComponent("old-copy", isDirectory: true)
        try FileManager.default.copyItem(at: store.location.storeURL, to: copy)

        let reopened = try await LogWriter.open(at: store.location, signingKey: key)
        _ = try await reopened.append(draft(subject: "S-002"))
        await reopened.close()
        try FileManager.default.removeItem(at: store.location.storeURL)
        try FileManager.default.copyItem(at: copy, to: store.location.storeURL)

        let error = await #expect(throws: LogStoreError.self) {
            _ = try await LogWriter.open(at: store.location, signingKey: key)
        }
        #expect(error?.code == LogStoreError.rolledBackCode)
        #expect(error?.reason.contains("verify") == true)
    }

    @Test("a store of the same size but another history (a fork) is refused")
    func forkedCopy() async throws {
        let store = ScratchStore()
        let (writer, key) = try await makeWriter(store)
        await writer.close()
        let copy = store.root.appendingPathComponent("old-copy", isDirectory: true)
        try FileManager.default.copyItem(at: store.location.storeURL, to: copy)
        let memory = try Data(contentsOf: store.location.lastCheckpointURL)

        // Two histories from the same start: the memory is left at the first one's checkpoint.
        let first = try await LogWriter.open(at: store.location, signingKey: key)
        _ = try await first.append(draft(subject: "S-A"))
        await first.close()
        let firstMemory = try Data(contentsOf: store.location.lastCheckpointURL)
        try FileManager.default.removeItem(at: store.location.storeURL)
        try FileManager.default.copyItem(at: copy, to: store.location.storeURL)
        try memory.write(to: store.location.lastCheckpointURL)
        let second = try await LogWriter.open(at: store.location, signingKey: key)
        _ = try await second.append(draft(subject: "S-B"))
        await second.close()
        try firstMemory.write(to: store.location.lastCheckpointURL)

        let error = await #expect(throws: LogStoreError.self) {
            _ = try await LogWriter.open(at: store.location, signingKey: key)
        }
        #expect(error?.code == LogStoreError.rolledBackCode)
    }

    @Test("the memory follows every published checkpoint; a missing one is recreated at open")
    func memoryKeptAndRecreated() async throws {
        let store = ScratchStore()
        let (writer, key) = try await makeWriter(store)
        _ = try await writer.append(draft())
        let published = writer.latestCheckpointNote
        #expect(try String(contentsOf: store.location.lastCheckpointURL, encoding: .utf8) == published)
        await writer.close()

        try FileManager.default.removeItem(at: store.location.lastCheckpointURL)
        let reopened = try await LogWriter.open(at: store.location, signingKey: key)
        #expect(try String(contentsOf: store.location.lastCheckpointURL, encoding: .utf8) == published)
        await reopened.close()
    }
}
