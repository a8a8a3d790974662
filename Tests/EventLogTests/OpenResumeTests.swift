import EventLog
import Foundation
import LogCrypto
import Testing

/// open() checks only what was written since the writer last stopped, resuming from the memory in
/// the secrets directory; without a usable memory it checks the whole log. `verify` is the full check.
@Suite("Open resumes from the writer's memory")
struct OpenResumeTests {
    /// Entries 0...3 (checkpoints of 1, 3 and 4 entries), closed.
    private func closedStore() async throws -> (ScratchStore, Ed25519SigningKey) {
        let store = ScratchStore()
        let (writer, key) = try await makeWriter(store)
        try await writer.append([draft(subject: "S-001"), draft(subject: "S-002")])
        try await writer.append([draft(subject: "S-003")])
        await writer.close()
        return (store, key)
    }

    private func resumeURL(_ store: ScratchStore) -> URL {
        store.location.secretsURL.appendingPathComponent(StoreLocation.resumePointFileName)
    }

    /// Changes entry 1 (S-002 -> S-007): a line the writer's memory already covers.
    private func editOldLine(_ store: ScratchStore) throws {
        var bytes = try store.eventsBytes()
        let text = String(decoding: bytes, as: UTF8.self)
        let range = try #require(text.range(of: "S-002"))
        bytes[text.utf8.distance(from: text.startIndex, to: range.lowerBound) + 4] = UInt8(ascii: "7")
        try Data(bytes).write(to: store.eventsURL)
    }

    private func expectCorruptOnOpen(_ store: ScratchStore, _ key: Ed25519SigningKey) async {
        let error = await #expect(throws: LogStoreError.self) {
            let writer = try await LogWriter.open(at: store.location, signingKey: key)
            await writer.close()
        }
        #expect(error?.code == LogStoreError.corruptCode)
    }

    @Test("after a clean close, open does not reread the remembered part; verify still finds a change there")
    func openSkipsRememberedPrefix() async throws {
        let (store, key) = try await closedStore()
        try editOldLine(store)

        let writer = try await LogWriter.open(at: store.location, signingKey: key)
        try await writer.append(draft(subject: "S-004"))
        #expect(writer.size == 5)
        await writer.close()

        let report = try StoreVerifier(storeDirectory: store.location.storeURL.path).verify()
        #expect(!report.isIntact)
        #expect(report.failure?.seq == 1, "verify finds the edited entry 1")
    }

    @Test("without a resume point (an older writer's memory, or none), open checks the whole log")
    func fullCheckWithoutResumePoint() async throws {
        do {
            let (store, key) = try await closedStore()
            try FileManager.default.removeItem(at: resumeURL(store))
            try editOldLine(store)
            await expectCorruptOnOpen(store, key)
        }
        do {
            let (store, key) = try await closedStore()
            try FileManager.default.removeItem(at: resumeURL(store))
            try FileManager.default.removeItem(at: store.location.lastCheckpointURL)
            try editOldLine(store)
            await expectCorruptOnOpen(store, key)
        }
    }

    @Test("a resume point the store does not match is ignored: open checks the whole log")
    func mismatchedResumePoint() async throws {
        // The resume point of another checkpoint than last-checkpoint's.
        do {
            let (store, key) = try await closedStore()
            let history = splitLines([UInt8](try Data(contentsOf: store.location.checkpointHistoryURL)))
            let older = try #require(JSONValue.parse(history[1])["note"]?.stringValue)
            var resume = try JSONValue.parse([UInt8](try Data(contentsOf: resumeURL(store)))).objectValue ?? [:]
            resume["note"] = .string(older)
            try Data(JSONValue.object(resume).canonicalBytes() + [UInt8(ascii: "\n")]).write(to: resumeURL(store))
            try editOldLine(store)
            await expectCorruptOnOpen(store, key)
        }
        // A resume point whose offset does not end the remembered entry's line.
        do {
            let (store, key) = try await closedStore()
            var resume = try JSONValue.parse([UInt8](try Data(contentsOf: resumeURL(store)))).objectValue ?? [:]
            let eventsBytes = try #require(resume["eventsBytes"]?.integerValue)
            resume["eventsBytes"] = .integer(eventsBytes - 1)
            try Data(JSONValue.object(resume).canonicalBytes() + [UInt8(ascii: "\n")]).write(to: resumeURL(store))
            try editOldLine(store)
            await expectCorruptOnOpen(store, key)
        }
        // A last line rewritten (here re-chained after an edit) no longer has the remembered hash.
        do {
            let (store, key) = try await closedStore()
            var lines = try store.eventLines()
            var last = try LogEntry(line: lines[3])
            last.subject = "S-777"
            lines[3] = last.canonicalLine()
            try Data(lines.flatMap { $0 + [UInt8(ascii: "\n")] }).write(to: store.eventsURL)
            await expectCorruptOnOpen(store, key)
        }
    }

    @Test("the memory is private (0600) and describes where the log stood")
    func memoryFiles() async throws {
        let (store, key) = try await closedStore()
        for url in [store.location.lastCheckpointURL, resumeURL(store)] {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(url.lastPathComponent)")
        }
        let note = try String(contentsOf: store.location.lastCheckpointURL, encoding: .utf8)
        #expect(note == (try String(contentsOf: store.location.checkpointURL, encoding: .utf8)))
        let resume = try #require(try JSONValue.parse([UInt8](try Data(contentsOf: resumeURL(store)))).objectValue)
        #expect(resume["note"] == .string(note))
        #expect(resume["eventsBytes"] == .integer(Int64(try store.eventsBytes().count)))
        #expect(
            resume["checkpointsBytes"]
                == .integer(Int64(try Data(contentsOf: store.location.checkpointHistoryURL).count)))
        let lines = try store.eventLines()
        #expect(resume["lastHash"] == .string(Merkle.leafHash(lines[3]).hex))
        #expect(resume["compactRange"]?.arrayValue?.count == 1, "4 entries: one perfect subtree")

        // Reopening resumes and the log grows on, verifiably.
        let writer = try await LogWriter.open(at: store.location, signingKey: key)
        try await writer.append((0..<5).map { draft(subject: "S-1\($0)") })
        await writer.close()
        #expect(try checkStoreIntegrity(store.location).count == 9)
        let report = try StoreVerifier(storeDirectory: store.location.storeURL.path).verify()
        #expect(report.isIntact)
    }
}
