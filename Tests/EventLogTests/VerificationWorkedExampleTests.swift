import EventLog
import Foundation
import LogCrypto
import Testing

/// The worked example of docs/format.md section 12, rebuilt from the format primitives: its
/// hashes, root and signed notes are known answers, and the document still shows exactly them.
/// Reproduce the entry hashes with `head -n 1 events.jsonl | tr -d '\n' | { printf '\000'; cat; }
/// | openssl dgst -sha256`, or everything with the Python script in the document.
@Suite("Verification: the worked example of docs/format.md")
struct VerificationWorkedExampleTests {
    static let origin = "screening.example/site-01"
    static let signer = NoteSigner(
        name: origin,
        key: try! Ed25519SigningKey(seed: SHA256.hash("docs/format.md example key (never use for a real log)").bytes))

    /// The three lines and the two notes (after entries 1 and 3).
    static func example() -> (lines: [[UInt8]], notes: [String]) {
        let dana = EventLog.Actor(id: "u-1001", name: "Dana Coordinator", role: "coordinator")
        let start: Int64 = 1_767_258_000_000_000  // 2026-01-01T09:00:00Z
        let specs: [(String, Int64, [String: JSONValue], String?, String?)] = [
            (
                "log.created", 123_456,
                [
                    "origin": .string(origin), "verifierKey": .string(signer.verifierKey.stringValue),
                    "formatVersion": 1,
                ],
                nil, nil
            ),
            ("subject.screened", 60_000_000, ["site": "01", "consentVersion": "2.1"], "SCR-0001", nil),
            (
                "lab.recorded", 120_500_000, ["test": "ALT", "value": "41.5", "uln": "40", "unit": "U/L"], "SCR-0001",
                "transcription error corrected after source review"
            ),
        ]
        var lines: [[UInt8]] = []
        var notes: [String] = []
        var tree = MerkleAccumulator()
        var prev = SHA256Digest.zero
        for (seq, spec) in specs.enumerated() {
            let entry = LogEntry(
                seq: Int64(seq), prev: prev, at: Timestamp(microsecondsSinceEpoch: start + spec.1), type: spec.0,
                actor: dana, data: spec.2, subject: spec.3, reason: spec.4)
            let line = entry.canonicalLine()
            lines.append(line)
            prev = Merkle.leafHash(line)
            tree.append(prev)
            if seq != 1 {
                notes.append(signer.sign(body: Checkpoint(origin: origin, size: tree.size, rootHash: tree.root).body))
            }
        }
        return (lines, notes)
    }

    @Test("entry hashes, interior node, root and key ID are the document's")
    func knownAnswers() {
        let (lines, _) = Self.example()
        let hashes = lines.map { Merkle.leafHash($0) }
        #expect(lines.map(\.count) == [376, 286, 360])
        #expect(hashes[0].hex == "55658329f9061133f943d9667c0bdba693b1f41b948778fc197409b26ebad7fd")
        #expect(hashes[1].hex == "ebc8df960b2d9937a33ae15f25068c0fcfc797f9370a95d436871ddf7b99e8c8")
        #expect(hashes[2].hex == "1a76b73df17d8c94039bdd03047fe2701d2b60700c2ceac4fbdc3d61c5d9abb9")
        #expect(
            Merkle.nodeHash(hashes[0], hashes[1]).hex
                == "283bf2674b645296dfb1f7f9766d42c63666e50bb344902804c548623a384c78")
        #expect(Merkle.root(of: hashes).hex == "fbc46369e19b13fd6694600249f00b85520b2272a6800da6dd10f8f26102c847")
        #expect(
            Self.signer.verifierKey.stringValue
                == "screening.example/site-01+19bdde6d+AW47haljb7AGx3YEpvYeYLzUZ5EcxJdgvullPKBMgr6M")
    }

    @Test("the example verifies, and docs/format.md shows exactly its files")
    func documentMatches() throws {
        let (lines, notes) = Self.example()
        let events: [UInt8] = lines.flatMap { $0 + [UInt8(0x0A)] }
        let history = notes.map { JSONValue.object(["note": .string($0)]).canonicalString + "\n" }.joined()

        let documentURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/format.md")
        let document = String(decoding: try Data(contentsOf: documentURL), as: UTF8.self)
        func block(after marker: String) -> String? {
            guard let start = document.range(of: marker + "\n\n```\n")?.upperBound,
                let end = document.range(of: "```", range: start..<document.endIndex)?.lowerBound
            else { return nil }
            return String(document[start..<end])
        }
        let eventsText = String(decoding: events, as: UTF8.self)
        #expect(block(after: "`events.jsonl` (each line ends with a line feed):") == eventsText)
        #expect(block(after: "`checkpoints.jsonl`:") == history)
        let checkpointMarker = "`checkpoint`, the signed note for size 3 (the blank line separates body and signature):"
        #expect(block(after: checkpointMarker) == notes[1])

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "verify-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(events).write(to: directory.appendingPathComponent("events.jsonl"))
        try Data(history.utf8).write(to: directory.appendingPathComponent("checkpoints.jsonl"))
        try Data(notes[1].utf8).write(to: directory.appendingPathComponent("checkpoint"))
        let report = try StoreVerifier(
            storeDirectory: directory.path, keyTrust: .pinned(Self.signer.verifierKey),
            savedCheckpoint: SavedCheckpoint(note: notes[0], source: "size-1 note")
        ).verify()
        #expect(report.isIntact)
        #expect(report.summary.root?.hex == "fbc46369e19b13fd6694600249f00b85520b2272a6800da6dd10f8f26102c847")
        #expect(report.summary.checkpointsVerified == 2)
        #expect(report.summary.savedCheckpointSize == 1)
    }
}
