import EventLog
import Foundation
import LogCrypto
import Testing

@Suite("Store: create and open")
struct StoreLifecycleTests {
    @Test("create writes log.created and a size-1 checkpoint; open continues the log")
    func createThenOpen() async throws {
        let store = ScratchStore()
        let clock = TestClock()
        let (writer, key) = try await makeWriter(store, clock: clock)
        #expect(writer.size == 1)
        await writer.close()

        let entries = try checkStoreIntegrity(store.location)
        #expect(entries.count == 1)
        let created = entries[0]
        #expect(created.seq == 0)
        #expect(created.prev == .zero)
        #expect(created.type == "log.created")
        #expect(created.actor == coordinator)
        #expect(created.at == clock.now())
        #expect(created.data["origin"] == .string(testOrigin))
        #expect(created.data["formatVersion"] == .integer(1))
        let verifier = NoteVerifierKey(name: testOrigin, publicKey: key.verifyingKey)
        #expect(created.data["verifierKey"] == .string(verifier.stringValue))
        #expect(FileManager.default.fileExists(atPath: store.location.recoveredURL.path))

        let reopened = try await LogWriter.open(at: store.location, signingKey: key, clock: clock)
        #expect(reopened.size == 1)
        #expect(reopened.origin == testOrigin)
        let appended = try await reopened.append([draft()])
        #expect(appended.map(\.seq) == [1])
        #expect(appended[0].prev == Merkle.leafHash(try store.eventLines()[0]))
        await reopened.close()
        try checkStoreIntegrity(store.location)
    }

    @Test("create refuses an existing store; open refuses a missing one")
    func createAndOpenGuards() async throws {
        let store = ScratchStore()
        let (writer, key) = try await makeWriter(store)
        await writer.close()
        let before = try store.eventsBytes()
        await #expect(throws: LogStoreError.self) {
            _ = try await LogWriter.create(
                at: store.location, origin: testOrigin, signingKey: key, creator: coordinator)
        }
        do {
            _ = try await LogWriter.create(
                at: store.location, origin: testOrigin, signingKey: key, creator: coordinator)
        } catch let error as LogStoreError {
            #expect(error.code == "store.exists")
        }
        #expect(try store.eventsBytes() == before)

        let missing = StoreLocation(store: store.root.appendingPathComponent("nowhere"))
        do {
            _ = try await LogWriter.open(at: missing, signingKey: key)
            Issue.record("opened a missing store")
        } catch let error as LogStoreError {
            #expect(error.code == "store.not-found")
        }
    }

    @Test("open refuses a signing key other than the log's")
    func wrongKey() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        await writer.close()
        do {
            _ = try await LogWriter.open(at: store.location, signingKey: Ed25519SigningKey.generate())
            Issue.record("opened with a foreign key")
        } catch let error as LogStoreError {
            #expect(error.code == "key.mismatch")
        }
    }

    @Test("create rejects a bad origin or creator and writes nothing")
    func badCreateArguments() async throws {
        let store = ScratchStore()
        let key = Ed25519SigningKey.generate()
        for (origin, creator, field) in [
            ("", coordinator, "origin"),
            ("has space", coordinator, "origin"),
            ("a+b", coordinator, "origin"),
            (testOrigin, EventLog.Actor(id: "", name: "X", role: "r"), "creator.id"),
        ] {
            do {
                _ = try await LogWriter.create(at: store.location, origin: origin, signingKey: key, creator: creator)
                Issue.record("created with origin \(origin)")
            } catch let error as LogStoreError {
                #expect(error.code == "draft.invalid")
                #expect(error.location == field)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: store.location.eventsURL.path))
    }

    @Test("a closed writer refuses appends")
    func closedWriter() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        await writer.close()
        do {
            try await writer.append([draft()])
            Issue.record("appended after close")
        } catch let error as LogStoreError {
            #expect(error.code == "store.closed")
        }
    }
}
