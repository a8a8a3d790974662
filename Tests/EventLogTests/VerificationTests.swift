import EventLog
import Foundation
import LogCrypto
import Testing

/// An intact store verifies with a correct summary; missing inputs throw; reports render.
@Suite("Store verification")
struct VerificationTests {
    typealias Fixture = VerificationFixture

    @Test("an intact store is intact, with the summary the files imply")
    func intactSummary() throws {
        let fixture = Fixture(count: 12, subjects: 4, checkpointEvery: 5)
        let report = try Fixture.verify(try fixture.write(), pinned: fixture.signer.verifierKey)
        #expect(report.isIntact)
        let summary = report.summary
        #expect(summary.entries == 12)
        #expect(summary.subjects == 4)
        #expect(summary.subjectsExact)
        #expect(summary.firstAt == fixture.entries.first?.at)
        #expect(summary.lastAt == fixture.entries.last?.at)
        #expect(summary.headHash == Merkle.leafHash(fixture.lines.last!))
        #expect(summary.root == Fixture.root(of: fixture.lines))
        #expect(summary.checkpointSize == 12)
        #expect(summary.checkpointsVerified == 3)  // sizes 5, 10, 12
        #expect(summary.keyPinned)
        #expect(summary.verifierKey == fixture.signer.verifierKey.stringValue)
        #expect(summary.origin == Fixture.origin)
        #expect(summary.bytesRead == Int64(fixture.eventsFile.count))
        #expect(summary.recovered.isEmpty)
        #expect(summary.savedCheckpointSize == nil)
    }

    @Test("a log spanning many read chunks verifies, and a failure deep in it has exact offsets")
    func manyChunks() throws {
        // About 3.5 MiB: lines cross the 1 MiB chunk boundaries of the read-ahead thread.
        var fixture = Fixture(count: 12_000, subjects: 700, checkpointEvery: 1000)
        let report = try Fixture.verify(try fixture.write())
        #expect(report.isIntact, "\(report.failure?.message ?? "")")
        #expect(report.summary.entries == 12_000)
        #expect(report.summary.subjects == 700)
        #expect(report.summary.root == Fixture.root(of: fixture.lines))

        fixture.lines.remove(at: 9_876)
        let broken = try Fixture.verify(try fixture.write())
        let failure = try #require(broken.failure)
        #expect(failure.check == .entrySeq)
        #expect(failure.line == 9_877 && failure.seq == 9_876)
        #expect(failure.byteOffset == fixture.offset(ofLine: 9_877))
        #expect(broken.summary.entries == 9_876)
    }

    @Test("a checkpoint history spanning several read chunks is matched checkpoint by checkpoint")
    func manyCheckpoints() throws {
        // A checkpoint after every entry: checkpoints.jsonl is about 1.5 MiB.
        var fixture = Fixture(count: 5_000)
        let report = try Fixture.verify(try fixture.write())
        #expect(report.isIntact, "\(report.failure?.message ?? "")")
        #expect(report.summary.checkpointsVerified == 5_000)

        // Checkpoint 4322 signs size 4322 with the root of the first 4321 entries.
        let wrongRoot = Fixture.root(of: fixture.lines.prefix(4_321))
        fixture.notes[4_321] = fixture.signer.sign(
            body: Checkpoint(origin: Fixture.origin, size: 4_322, rootHash: wrongRoot).body)
        let failure = try #require(try Fixture.verify(try fixture.write()).failure)
        #expect(failure.check == .checkpointsRoot)
        #expect(failure.message.contains("checkpoints.jsonl line 4322"))
        #expect(failure.line == 4_322)
    }

    @Test("many verifications at once from async code finish (the read-ahead threads are their own)")
    func concurrentVerifications() async throws {
        let directory = try Fixture(count: 3_000, checkpointEvery: 100).write()
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<12 {
                group.addTask { (try? Fixture.verify(directory))?.isIntact ?? false }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 12))
    }

    @Test("a line longer than 1 MiB is reported, not read into memory")
    func overlongLine() throws {
        var fixture = Fixture(count: 3)
        fixture.replaceEntry(2) { $0.data["blob"] = .string(String(repeating: "x", count: 1 << 20)) }
        let failure = try #require(try Fixture.verify(try fixture.write()).failure)
        #expect(failure.check == .entryEncoding)
        #expect(failure.line == 3 && failure.byteOffset == fixture.offset(ofLine: 3))
        #expect(failure.expected.contains("at most 1048576 bytes"))
    }

    @Test("a log.created entry after line 1 fails")
    func secondLogCreated() throws {
        var fixture = Fixture(count: 4)
        fixture.replaceEntry(2) { $0.type = "log.created" }
        fixture.relink(from: 3)
        fixture.resign(sizes: [4])
        let failure = try #require(try Fixture.verify(try fixture.write()).failure)
        #expect(failure.check == .entryLogCreated && failure.line == 3)
    }

    @Test("log.created whose key is not named after the origin fails")
    func keyNameNotOrigin() throws {
        var fixture = Fixture(count: 2)
        let elsewhere = NoteSigner(name: "another.example/log", key: Fixture.signingKey)
        fixture.replaceEntry(0) { $0.data["verifierKey"] = .string(elsewhere.verifierKey.stringValue) }
        fixture.relink()
        fixture.resign(sizes: [2])
        let failure = try #require(try Fixture.verify(try fixture.write()).failure)
        #expect(failure.check == .entryLogCreated && failure.line == 1)
        #expect(failure.found == "a key named another.example/log")
    }

    @Test("missing or empty checkpoints.jsonl, a non-canonical record, and an empty log fail")
    func checkpointHistoryProblems() throws {
        let fixture = Fixture(count: 3)
        let directory = try fixture.write()
        try FileManager.default.removeItem(atPath: directory + "/checkpoints.jsonl")
        #expect(try Fixture.verify(directory).failure?.check == .checkpointsMissing)

        try Data().write(to: URL(fileURLWithPath: directory + "/checkpoints.jsonl"))
        #expect(try Fixture.verify(directory).failure?.check == .checkpointsMissing)

        let spaced = fixture.notes.map { "{\"note\": " + JSONValue.string($0).canonicalString + "}\n" }.joined()
        try Data(spaced.utf8).write(to: URL(fileURLWithPath: directory + "/checkpoints.jsonl"))
        let encoding = try #require(try Fixture.verify(directory).failure)
        #expect(encoding.check == .checkpointsEncoding && encoding.file == "checkpoints.jsonl" && encoding.line == 1)

        let empty = try fixture.write(events: [])
        #expect(try Fixture.verify(empty).failure?.check == .logEmpty)
    }

    @Test("a missing store directory or events.jsonl cannot be verified: it throws")
    func missingInputsThrow() throws {
        #expect(throws: VerificationError.self) { try Fixture.verify("/nonexistent/store") }
        let directory = try Fixture(count: 2).write()
        try FileManager.default.removeItem(atPath: directory + "/events.jsonl")
        let error = try #require(throws: VerificationError.self) { try Fixture.verify(directory) }
        #expect(error.code == "store.missing")
        #expect(throws: VerificationError.self) {
            try StoreVerifier.KeyTrust.pinned(parsing: "not a key")
        }
    }

    @Test("a saved checkpoint that is not a signed note is a usage error")
    func savedCheckpointNotANote() throws {
        let directory = try Fixture(count: 2).write()
        let error = try #require(throws: VerificationError.self) { try Fixture.verify(directory, saved: "hello\n") }
        #expect(error.code == "saved.invalid")
    }

    @Test("the human report ends with the summary; the JSON report has every field")
    func rendering() throws {
        var fixture = Fixture(count: 5)
        fixture.lines[2].insert(0x20, at: 1)
        let report = try Fixture.verify(try fixture.write())
        let text = report.renderedText()
        #expect(
            text.contains(
                "FAILED: events.jsonl line 3 (seq 2, byte offset \(fixture.offset(ofLine: 3)), column 2) [entry.encoding]"
            ))
        let lines = text.split(separator: "\n")
        #expect(lines.suffix(9).first == "Summary")
        #expect(lines.last?.hasPrefix("  elapsed:") == true)

        let json = try JSONValue.parse(Array(report.renderedJSON().utf8))
        let keys = Set(json.objectValue?.keys.map { $0 } ?? [])
        #expect(
            keys == [
                "result", "store", "keyPinned", "verifierKey", "origin", "entries", "subjects", "subjectsExact",
                "firstAt", "lastAt",
                "headHash", "root", "checkpointSize", "checkpointsVerified", "savedCheckpointSize", "recovered",
                "warnings", "bytesRead", "elapsedMicroseconds", "failure",
            ])
        #expect(json["result"] == "broken")
        #expect(json["entries"] == 2)
        #expect(json["failure"]?["check"] == "entry.encoding")
        #expect(json["failure"]?["line"] == 3)
        #expect(json["failure"]?["seq"] == 2)
        #expect(json["failure"]?["byteOffset"] == .integer(fixture.offset(ofLine: 3)))
        #expect(json["failure"]?["column"] == 2)
    }

    @Test("failure messages never quote entry data")
    func noDataInMessages() throws {
        var fixture = Fixture(count: 4, checkpointEvery: 4)
        fixture.replaceEntry(2) { $0.data["secret"] = "Patient Name Here" }
        let report = try Fixture.verify(try fixture.write())
        #expect(report.failure != nil)
        #expect(!report.renderedText().contains("Patient"))
        #expect(!report.renderedJSON().contains("Patient"))
    }
}
