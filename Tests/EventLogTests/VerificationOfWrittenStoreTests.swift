import EventLog
import Foundation
import LogCrypto
import Testing

/// End to end: stores written by `LogWriter` verify, including after crash recovery.
@Suite("Verification of stores written by LogWriter")
struct VerificationOfWrittenStoreTests {
    static let origin = "screening.example/verify-e2e"
    static let actor = EventLog.Actor(id: "u-2001", name: "Sam Coordinator", role: "coordinator")

    /// A new store location in a fresh temporary directory (secrets beside it), removed, signing
    /// key included, when the test process exits.
    static func location() throws -> StoreLocation {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("verify-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        ScratchDirectories.register(root.path)
        return StoreLocation(store: root.appendingPathComponent("eventstore", isDirectory: true))
    }

    static func drafts(_ count: Int, from first: Int) -> [EventDraft] {
        (first..<first + count).map { index in
            EventDraft(
                type: "subject.screened", actor: actor, subject: "SCR-\(index % 5)",
                data: ["visit": .integer(Int64(index)), "value": .string("\(index).5")])
        }
    }

    @Test("a written store is intact, pinned to the writer's key, with the writer's size and root")
    func writtenStore() async throws {
        let location = try Self.location()
        let key = try location.createSigningKey()
        let writer = try await LogWriter.create(at: location, origin: Self.origin, signingKey: key, creator: Self.actor)
        _ = try await writer.append(Self.drafts(3, from: 0))
        _ = try await writer.append(Self.drafts(5, from: 3))
        let verifierKey = writer.verifierKey
        let size = writer.size
        let note = writer.latestCheckpointNote
        await writer.close()

        let report = try StoreVerifier(storeDirectory: location.storeURL.path, keyTrust: .pinned(verifierKey)).verify()
        #expect(report.isIntact, "\(report.failure?.location ?? ""): \(report.failure?.message ?? "")")
        #expect(report.summary.entries == size)
        #expect(report.summary.entries == 9)
        #expect(report.summary.subjects == 5)
        #expect(report.summary.checkpointSize == 9)
        #expect(report.summary.origin == Self.origin)
        guard case .verified(let body) = SignedNote.open(note, verifier: verifierKey) else {
            Issue.record("the writer's checkpoint does not open")
            return
        }
        #expect(report.summary.root == (try Checkpoint(parsingBody: body)).rootHash)

        // The latest note, saved by an auditor, proves a later verification extends it.
        let later = try StoreVerifier(
            storeDirectory: location.storeURL.path, keyTrust: .pinned(verifierKey),
            savedCheckpoint: SavedCheckpoint(note: note, source: "saved")
        ).verify()
        #expect(later.summary.savedCheckpointSize == 9)
    }

    @Test("a torn write fails verification until the writer recovers; then the store is intact again")
    func crashRecovery() async throws {
        let location = try Self.location()
        let key = try location.createSigningKey()
        let writer = try await LogWriter.create(at: location, origin: Self.origin, signingKey: key, creator: Self.actor)
        _ = try await writer.append(Self.drafts(4, from: 0))
        await writer.close()

        let torn = Array(#"{"actor":{"id":"u-2001","name":"Sam"#.utf8)
        let handle = try FileHandle(forWritingTo: location.eventsURL)
        try handle.seekToEnd()
        try handle.write(contentsOf: torn)
        try handle.close()

        let before = try StoreVerifier(storeDirectory: location.storeURL.path).verify()
        let failure = try #require(before.failure)
        #expect(failure.check == .logPartialLine)
        #expect(failure.line == 6 && failure.seq == 5)

        let reopened = try await LogWriter.open(at: location, signingKey: key)
        await reopened.close()
        let after = try StoreVerifier(storeDirectory: location.storeURL.path).verify()
        #expect(after.isIntact, "\(after.failure?.message ?? "")")
        #expect(after.summary.entries == 6)  // log.created, 4 events, log.recovered
        #expect(after.summary.recovered.count == 1)
        #expect(after.summary.recovered.first?.byteCount == Int64(torn.count))
        #expect(after.renderedText().contains("not part of the log"))
    }
}
