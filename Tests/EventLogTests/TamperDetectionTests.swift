import EventLog
import Foundation
import LogCrypto
import Testing

/// Each way of tampering with a store is detected, and the failure names where.
@Suite("Tamper detection")
struct TamperDetectionTests {
    typealias Fixture = VerificationFixture

    /// Checks that `report` is broken by `check` at events.jsonl `line` (seq line − 1, its offset).
    func expectBroken(
        _ report: VerificationReport, _ check: VerificationCheck, line: Int, in fixture: Fixture,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let failure = try #require(report.failure, "expected a failure", sourceLocation: sourceLocation)
        #expect(failure.check == check, "\(failure.location): \(failure.message)", sourceLocation: sourceLocation)
        #expect(failure.file == "events.jsonl", sourceLocation: sourceLocation)
        #expect(failure.line == Int64(line), sourceLocation: sourceLocation)
        #expect(failure.seq == Int64(line - 1), sourceLocation: sourceLocation)
        #expect(failure.byteOffset == fixture.offset(ofLine: line), sourceLocation: sourceLocation)
        #expect(
            !failure.message.isEmpty && !failure.expected.isEmpty && !failure.found.isEmpty,
            sourceLocation: sourceLocation)
    }

    @Test("an edited value breaks the next line's prev link")
    func editedValue() throws {
        var fixture = Fixture(count: 10, checkpointEvery: 4)
        fixture.replaceEntry(5) { $0.data["value"] = "99.5" }
        let report = try Fixture.verify(try fixture.write())
        try expectBroken(report, .entryPrev, line: 7, in: fixture)
        #expect(report.failure?.expected == Merkle.leafHash(fixture.lines[5]).hex)
        #expect(report.failure?.found == Merkle.leafHash(Fixture(count: 10).lines[5]).hex)
        #expect(report.failure?.message.contains("line 6") == true)
        #expect(report.summary.entries == 6)
    }

    @Test("an edited value is caught at its own line when a checkpoint covers exactly up to it")
    func editedValueAtCheckpoint() throws {
        var fixture = Fixture(count: 10)
        fixture.replaceEntry(4) { $0.data["value"] = "99.5" }
        let report = try Fixture.verify(try fixture.write())
        try expectBroken(report, .checkpointsRoot, line: 5, in: fixture)
        #expect(report.failure?.expected == Fixture(count: 10).notes[4].checkpointRoot)
        #expect(report.failure?.found == Fixture.root(of: fixture.lines.prefix(5)).hex)
    }

    @Test("one flipped bit inside a value, or in the structure, is detected")
    func flippedByte() throws {
        let fixture = Fixture(count: 10, checkpointEvery: 4)
        var events = fixture.eventsFile
        let lineStart = Int(fixture.offset(ofLine: 6))
        let alt = try #require(fixture.lines[5].firstRange(of: Array("ALT".utf8))).lowerBound
        events[lineStart + alt + 2] ^= 0x01  // "ALT" -> "ALU": still canonical JSON
        try expectBroken(try Fixture.verify(try fixture.write(events: events)), .entryPrev, line: 7, in: fixture)

        var structural = fixture.eventsFile
        structural[lineStart] ^= 0x01  // "{" -> "z"
        let report = try Fixture.verify(try fixture.write(events: structural))
        try expectBroken(report, .entryEncoding, line: 6, in: fixture)
        #expect(report.failure?.column == 1)
    }

    @Test("a deleted line breaks the seq numbering where it was")
    func deletedLine() throws {
        var fixture = Fixture(count: 10)
        let original = fixture
        fixture.lines.remove(at: 3)
        let report = try Fixture.verify(try fixture.write())
        try expectBroken(report, .entrySeq, line: 4, in: original)
        #expect(report.failure?.expected == "seq 3 (line 4)")
        #expect(report.failure?.found == "seq 4")
    }

    @Test("swapped lines break the seq numbering")
    func swappedLines() throws {
        var fixture = Fixture(count: 10)
        fixture.lines.swapAt(3, 4)
        let report = try Fixture.verify(try fixture.write())
        try expectBroken(report, .entrySeq, line: 4, in: fixture)
        #expect(report.failure?.found == "seq 4")
    }

    @Test("a duplicated line breaks the seq numbering after it")
    func duplicatedLine() throws {
        var fixture = Fixture(count: 10)
        fixture.lines.insert(fixture.lines[3], at: 4)
        let report = try Fixture.verify(try fixture.write())
        try expectBroken(report, .entrySeq, line: 5, in: fixture)
        #expect(report.failure?.expected == "seq 4 (line 5)")
        #expect(report.failure?.found == "seq 3")
    }

    @Test("a dropped last line leaves the log shorter than its checkpoint")
    func droppedLastLine() throws {
        var fixture = Fixture(count: 10)
        fixture.lines.removeLast()
        let report = try Fixture.verify(try fixture.write())
        let failure = try #require(report.failure)
        #expect(failure.check == .logTruncated)
        #expect(failure.line == 10 && failure.seq == 9)
        #expect(failure.byteOffset == Int64(fixture.eventsFile.count))
        #expect(failure.expected == "at least 10 entries" && failure.found == "9 entries")
    }

    @Test("an edit with every later prev recomputed is caught by the checkpoint root, at that line")
    func editWithRecomputedLinks() throws {
        var fixture = Fixture(count: 10)
        fixture.replaceEntry(4) { $0.data["value"] = "12.5" }
        fixture.relink(from: 5)
        let report = try Fixture.verify(try fixture.write())
        try expectBroken(report, .checkpointsRoot, line: 5, in: fixture)
        #expect(report.failure?.message.contains("Line 5") == true)
        #expect(report.summary.checkpointsVerified == 4)

        // With a checkpoint every 4 entries, the failure names the unproven range.
        var sparse = Fixture(count: 10, checkpointEvery: 4)
        sparse.replaceEntry(5) { $0.data["value"] = "12.5" }
        sparse.relink(from: 6)
        let sparseReport = try Fixture.verify(try sparse.write())
        try expectBroken(sparseReport, .checkpointsRoot, line: 5, in: sparse)
        #expect(sparseReport.failure?.message.contains("lines 5 to 8") == true)
    }

    @Test("a backdated at is caught by time order, or by the root when still in order")
    func backdatedTimestamp() throws {
        var fixture = Fixture(count: 10)
        fixture.replaceEntry(5) { $0.at = Timestamp(microsecondsSinceEpoch: $0.at.microsecondsSinceEpoch - 3_000_000) }
        fixture.relink(from: 6)
        let report = try Fixture.verify(try fixture.write())
        try expectBroken(report, .entryTimeOrder, line: 6, in: fixture)
        #expect(report.failure?.found == "at 2026-01-01T08:00:02.000005Z")

        var subtle = Fixture(count: 10)
        subtle.replaceEntry(5) { $0.at = Timestamp(microsecondsSinceEpoch: $0.at.microsecondsSinceEpoch - 500_000) }
        subtle.relink(from: 6)
        try expectBroken(try Fixture.verify(try subtle.write()), .checkpointsRoot, line: 6, in: subtle)
    }

    @Test("whitespace inserted into a line is not canonical JSON; the column is named")
    func insertedWhitespace() throws {
        var fixture = Fixture(count: 10)
        let colon = try #require(fixture.lines[2].firstIndex(of: UInt8(ascii: ":")))
        fixture.lines[2].insert(0x20, at: colon + 1)
        let report = try Fixture.verify(try fixture.write())
        try expectBroken(report, .entryEncoding, line: 3, in: fixture)
        #expect(report.failure?.column == colon + 2)
        #expect(report.failure?.found == "a space")
    }

    @Test("a forged entry appended with correct links is an unsigned tail")
    func forgedAppend() throws {
        var fixture = Fixture(count: 10)
        fixture.appendUnsigned()
        let report = try Fixture.verify(try fixture.write())
        try expectBroken(report, .logUnsignedTail, line: 11, in: fixture)
        #expect(report.summary.entries == 11)
        #expect(report.summary.checkpointSize == 10)
    }

    @Test("a missing checkpoint file fails")
    func missingCheckpoint() throws {
        let fixture = Fixture(count: 5)
        let report = try Fixture.verify(try fixture.write(checkpoint: .some(nil)))
        #expect(report.failure?.check == .checkpointMissing)
        #expect(report.failure?.file == "checkpoint")
    }

    @Test("a checkpoint file that is not the last checkpoint issued fails")
    func staleCheckpointFile() throws {
        let fixture = Fixture(count: 5)
        let report = try Fixture.verify(try fixture.write(checkpoint: fixture.notes[2]))
        #expect(report.failure?.check == .checkpointDiffers)
    }

    @Test("checkpoints re-signed by another key fail, pinned or not")
    func checkpointsSignedByAnotherKey() throws {
        var fixture = Fixture(count: 6)
        fixture.resign(sizes: [3, 6], with: NoteSigner(name: Fixture.origin, key: Fixture.otherKey))
        let directory = try fixture.write()
        for pinned in [nil, fixture.signer.verifierKey] {
            let failure = try #require(try Fixture.verify(directory, pinned: pinned).failure)
            #expect(failure.check == .checkpointsSignature)
            #expect(failure.file == "checkpoints.jsonl" && failure.line == 1 && failure.byteOffset == 0)
        }
    }

    @Test("a log fully re-signed by another key: fails when pinned, passes unpinned but says the key was not pinned")
    func fullyRekeyedLog() throws {
        let original = Fixture(count: 6)
        let attacker = NoteSigner(name: Fixture.origin, key: Fixture.otherKey)
        var forged = original
        forged.replaceEntry(0) { $0.data["verifierKey"] = .string(attacker.verifierKey.stringValue) }
        forged.replaceEntry(3) { $0.data["value"] = "1.5" }
        forged.relink(from: 1)
        forged.resign(sizes: Array(1...6), with: attacker)
        let directory = try forged.write()

        let pinned = try Fixture.verify(directory, pinned: original.signer.verifierKey)
        try expectBroken(pinned, .keyMismatch, line: 1, in: forged)
        #expect(pinned.failure?.expected == original.signer.verifierKey.stringValue)
        #expect(pinned.failure?.found == attacker.verifierKey.stringValue)

        // The documented limitation: without a pinned key, a whole-store rewrite verifies,
        // and the report says plainly which key it trusted and that it was not pinned.
        let unpinned = try Fixture.verify(directory)
        #expect(unpinned.isIntact)
        #expect(unpinned.summary.keyPinned == false)
        #expect(unpinned.summary.verifierKey == attacker.verifierKey.stringValue)
        #expect(unpinned.renderedText().contains("NOT PINNED"))
    }

    @Test("a rollback to an older validly signed state passes alone, and fails against a saved checkpoint")
    func rollback() throws {
        let full = Fixture(count: 10)
        let saved = try #require(full.notes.last)
        var rolledBack = full
        rolledBack.lines.removeLast(4)
        rolledBack.entries.removeLast(4)
        rolledBack.notes.removeLast(4)
        let directory = try rolledBack.write()

        #expect(try Fixture.verify(directory).isIntact)
        let report = try Fixture.verify(directory, saved: saved)
        let failure = try #require(report.failure)
        #expect(failure.check == .savedBeyondLog)
        #expect(failure.line == 7 && failure.seq == 6)
        #expect(failure.byteOffset == Int64(rolledBack.eventsFile.count))

        // The same saved checkpoint against the intact log: proven.
        let intact = try Fixture.verify(try full.write(), saved: saved)
        #expect(intact.isIntact)
        #expect(intact.summary.savedCheckpointSize == 10)
    }

    @Test("a saved checkpoint from before a rewrite by the key holder exposes the fork")
    func forkAgainstSavedCheckpoint() throws {
        let original = Fixture(count: 10)
        let saved = original.note(size: 8)
        var rewritten = original
        rewritten.replaceEntry(4) { $0.data["value"] = "7.5" }
        rewritten.relink(from: 5)
        rewritten.resign(sizes: Array(1...10))
        let directory = try rewritten.write()
        #expect(try Fixture.verify(directory).isIntact)
        try expectBroken(try Fixture.verify(directory, saved: saved), .savedRoot, line: 8, in: rewritten)
    }

    @Test("a saved checkpoint not signed by the trusted key fails")
    func savedCheckpointByAnotherKey() throws {
        let fixture = Fixture(count: 4)
        let forged = NoteSigner(name: Fixture.origin, key: Fixture.otherKey)
            .sign(body: Checkpoint(origin: Fixture.origin, size: 4, rootHash: Fixture.root(of: fixture.lines)).body)
        let failure = try #require(try Fixture.verify(try fixture.write(), saved: forged).failure)
        #expect(failure.check == .savedSignature)
        #expect(failure.file == "saved-checkpoint")
    }

    @Test("a partial final line is reported with its offset")
    func partialLine() throws {
        var fixture = Fixture(count: 5)
        fixture.trailingBytes = Array(#"{"actor":{"id":"u-1""#.utf8)
        let report = try Fixture.verify(try fixture.write())
        let failure = try #require(report.failure)
        #expect(failure.check == .logPartialLine)
        #expect(failure.line == 6 && failure.seq == 5)
        #expect(failure.byteOffset == fixture.offset(ofLine: 6))
        #expect(report.summary.entries == 5)
    }

    @Test("checkpoint sizes that decrease fail")
    func decreasingCheckpoints() throws {
        var fixture = Fixture(count: 6)
        fixture.resign(sizes: [2, 5, 4, 6])
        let failure = try #require(try Fixture.verify(try fixture.write()).failure)
        #expect(failure.check == .checkpointsOrder)
        #expect(failure.file == "checkpoints.jsonl" && failure.line == 3)
    }

    @Test("a first line that is not log.created fails")
    func firstLineNotLogCreated() throws {
        var fixture = Fixture(count: 4)
        fixture.replaceEntry(0) { $0.type = "subject.screened" }
        fixture.relink()
        fixture.resign(sizes: [4])
        try expectBroken(try Fixture.verify(try fixture.write()), .entryLogCreated, line: 1, in: fixture)
    }
}

extension String {
    /// The base64 root hash (third body line) of a checkpoint note, as hex.
    var checkpointRoot: String? {
        let lines = split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 2, let data = Data(base64Encoded: String(lines[2])) else { return nil }
        return data.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
