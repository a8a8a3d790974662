import EventLog
import Foundation
import LogCrypto

/// Builds store directories for verification tests from the format primitives alone, so each test
/// can craft a tampered store byte by byte. Synthetic data only.
struct VerificationFixture {
    static let origin = "screening.example/verify-tests"
    /// A fixed key, so failures are reproducible.
    static let signingKey = try! Ed25519SigningKey(seed: SHA256.hash("verify tests: the log's key").bytes)
    /// Another key, for forgeries.
    static let otherKey = try! Ed25519SigningKey(seed: SHA256.hash("verify tests: an attacker's key").bytes)
    /// 2026-01-01T08:00:00Z.
    static let start: Int64 = 1_767_254_400_000_000

    /// The entries, in order.
    var entries: [LogEntry]
    /// The lines as written (normally each entry's canonical line).
    var lines: [[UInt8]]
    /// The signed checkpoint notes, in order, as checkpoints.jsonl records them.
    var notes: [String]
    /// Bytes appended to events.jsonl after the last "\n" (a partial line), if any.
    var trailingBytes: [UInt8] = []
    let signer: NoteSigner

    /// A log of `count` entries (log.created plus `count - 1` screening events over `subjects`
    /// subjects, one second apart), with a checkpoint after every `checkpointEvery` entries and
    /// one at the end.
    init(count: Int, subjects: Int = 3, checkpointEvery: Int = 1, key: Ed25519SigningKey = Self.signingKey) {
        signer = NoteSigner(name: Self.origin, key: key)
        entries = []
        lines = []
        notes = []
        var tree = MerkleAccumulator()
        var prev = SHA256Digest.zero
        for seq in 0..<count {
            let entry = Self.entry(seq: seq, prev: prev, subjects: subjects, verifierKey: signer.verifierKey)
            let line = entry.canonicalLine()
            entries.append(entry)
            lines.append(line)
            prev = Merkle.leafHash(line)
            tree.append(prev)
            if (seq + 1) % checkpointEvery == 0 || seq == count - 1 {
                notes.append(
                    signer.sign(body: Checkpoint(origin: Self.origin, size: tree.size, rootHash: tree.root).body))
            }
        }
    }

    static func entry(seq: Int, prev: SHA256Digest, subjects: Int, verifierKey: NoteVerifierKey) -> LogEntry {
        let actor = Actor(
            id: "u-\(seq % 2)", name: seq % 2 == 0 ? "Coordinator One" : "Investigator Two", role: "coordinator")
        let at = Timestamp(microsecondsSinceEpoch: start + Int64(seq) * 1_000_000 + Int64(seq % 7))
        if seq == 0 {
            return LogEntry(
                seq: 0, prev: prev, at: at, type: "log.created",
                actor: Actor(id: "system", name: "System", role: "system"),
                data: ["origin": .string(origin), "verifierKey": .string(verifierKey.stringValue)])
        }
        return LogEntry(
            seq: Int64(seq), prev: prev, at: at, type: seq % 3 == 0 ? "lab.recorded" : "subject.screened", actor: actor,
            data: ["test": "ALT", "value": .string("\(30 + seq).5"), "uln": "40", "visit": .integer(Int64(seq))],
            subject: "SCR-\(String(format: "%04d", 1 + seq % subjects))",
            reason: seq % 5 == 0 ? "correction after source review" : nil)
    }

    // MARK: Rewriting as an attacker would

    /// Replaces entry `seq` and re-encodes its line, leaving later `prev` links as they were.
    mutating func replaceEntry(_ seq: Int, _ change: (inout LogEntry) -> Void) {
        change(&entries[seq])
        lines[seq] = entries[seq].canonicalLine()
    }

    /// Recomputes every `prev` link from `seq` on, as an attacker without the key can.
    mutating func relink(from seq: Int = 1) {
        for index in max(seq, 1)..<entries.count {
            entries[index].prev = Merkle.leafHash(lines[index - 1])
            lines[index] = entries[index].canonicalLine()
        }
    }

    /// Appends an entry with correct links but no checkpoint.
    mutating func appendUnsigned() {
        let seq = entries.count
        let entry = Self.entry(
            seq: seq, prev: Merkle.leafHash(lines[seq - 1]), subjects: 3, verifierKey: signer.verifierKey)
        entries.append(entry)
        lines.append(entry.canonicalLine())
    }

    /// Re-signs a checkpoint for the current lines, as the key holder would (for every size in `sizes`).
    mutating func resign(sizes: [Int], with signer: NoteSigner? = nil) {
        let signer = signer ?? self.signer
        notes = sizes.map { size in
            signer.sign(
                body: Checkpoint(origin: Self.origin, size: Int64(size), rootHash: Self.root(of: lines.prefix(size)))
                    .body)
        }
    }

    static func root(of lines: some Collection<[UInt8]>) -> SHA256Digest {
        Merkle.root(of: lines.map { Merkle.leafHash($0) })
    }

    /// A signed checkpoint note for the first `size` lines.
    func note(size: Int) -> String {
        signer.sign(
            body: Checkpoint(origin: Self.origin, size: Int64(size), rootHash: Self.root(of: lines.prefix(size))).body)
    }

    // MARK: Files

    /// The events.jsonl bytes.
    var eventsFile: [UInt8] {
        lines.flatMap { $0 + [0x0A] } + trailingBytes
    }

    /// The byte offset at which line `number` (1-based) starts.
    func offset(ofLine number: Int) -> Int64 {
        Int64(lines.prefix(number - 1).reduce(0) { $0 + $1.count + 1 })
    }

    /// Writes events.jsonl, checkpoint (the last note) and checkpoints.jsonl into a new temporary
    /// directory and returns its path.
    func write(events: [UInt8]? = nil, checkpoint: String?? = nil) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("verify-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(events ?? eventsFile).write(to: directory.appendingPathComponent("events.jsonl"))
        let history = notes.map { JSONValue.object(["note": .string($0)]).canonicalString + "\n" }.joined()
        try Data(history.utf8).write(to: directory.appendingPathComponent("checkpoints.jsonl"))
        if let checkpoint = checkpoint ?? notes.last {
            try Data(checkpoint.utf8).write(to: directory.appendingPathComponent("checkpoint"))
        }
        return directory.path
    }

    /// Verifies `directory` with the engine.
    static func verify(
        _ directory: String, pinned: NoteVerifierKey? = nil, saved: String? = nil
    ) throws -> VerificationReport {
        try StoreVerifier(
            storeDirectory: directory, keyTrust: pinned.map { .pinned($0) } ?? .logCreatedKey,
            savedCheckpoint: saved.map { SavedCheckpoint(note: $0, source: "saved-checkpoint") }
        ).verify()
    }
}
