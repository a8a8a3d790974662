import EventLog
import Foundation
import LogCrypto
import Testing

/// A scratch store in a fresh temporary directory, removed when the test ends.
final class ScratchStore {
    let root: URL
    let location: StoreLocation

    init() {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("eventlog-tests-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        location = StoreLocation(store: root.appendingPathComponent("eventstore", isDirectory: true))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var eventsURL: URL { location.eventsURL }

    func eventsBytes() throws -> [UInt8] { [UInt8](try Data(contentsOf: location.eventsURL)) }

    func appendToEvents(_ bytes: [UInt8]) throws {
        let handle = try FileHandle(forWritingTo: location.eventsURL)
        try handle.seekToEnd()
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    /// The complete lines of events.jsonl (without "\n").
    func eventLines() throws -> [[UInt8]] {
        splitLines(try eventsBytes())
    }

    func recoveredFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: location.recoveredURL, includingPropertiesForKeys: nil)
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

/// Complete lines (each ended by "\n") of `bytes`, without the "\n"; a partial tail is dropped.
func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
        lines.append(Array(bytes[start..<index]))
        start = index + 1
    }
    return lines
}

/// A clock the test moves by hand.
final class TestClock: LogClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Timestamp

    init(_ start: Timestamp = Timestamp(microsecondsSinceEpoch: 1_750_000_000_000_000)) {
        current = start
    }

    func now() -> Timestamp { lock.withLock { current } }

    func set(_ time: Timestamp) { lock.withLock { current = time } }

    func advance(microseconds: Int64) {
        lock.withLock { current = Timestamp(microsecondsSinceEpoch: current.microsecondsSinceEpoch + microseconds) }
    }
}

let coordinator = EventLog.Actor(id: "u-1001", name: "Dana Coordinator", role: "coordinator")
let testOrigin = "screening.example/test-log"

func draft(_ type: String = "subject.screened", subject: String? = "S-001", _ data: [String: JSONValue] = [:])
    -> EventDraft
{
    EventDraft(type: type, actor: coordinator, subject: subject, data: data)
}

/// Creates a store with a fresh key kept in the scratch store's secrets directory.
func makeWriter(_ store: ScratchStore, clock: any LogClock = TestClock()) async throws -> (LogWriter, Ed25519SigningKey)
{
    let key = try store.location.createSigningKey()
    let writer = try await LogWriter.create(
        at: store.location, origin: testOrigin, signingKey: key, creator: coordinator, clock: clock)
    return (writer, key)
}

/// Checks the whole store independently of the writer: entry 0, seqs, prev chain, canonical
/// lines, every checkpoint's signature and root, and that the latest checkpoint covers the log.
/// Returns the entries.
@discardableResult
func checkStoreIntegrity(_ location: StoreLocation, sourceLocation: SourceLocation = #_sourceLocation) throws
    -> [LogEntry]
{
    let lines = splitLines([UInt8](try Data(contentsOf: location.eventsURL)))
    let entries = try lines.map { try LogEntry(line: $0) }
    let first = try #require(entries.first, sourceLocation: sourceLocation)
    #expect(first.type == "log.created", sourceLocation: sourceLocation)
    let verifier = try NoteVerifierKey(
        parsing: try #require(first.data["verifierKey"]?.stringValue, sourceLocation: sourceLocation))

    var leaves: [SHA256Digest] = []
    var prev = SHA256Digest.zero
    for (index, entry) in entries.enumerated() {
        #expect(entry.seq == Int64(index), "seq", sourceLocation: sourceLocation)
        #expect(entry.prev == prev, "prev of \(index)", sourceLocation: sourceLocation)
        #expect(entry.canonicalLine() == lines[index], "line \(index) canonical", sourceLocation: sourceLocation)
        if index > 0 { #expect(entry.at >= entries[index - 1].at, "at non-decreasing", sourceLocation: sourceLocation) }
        prev = Merkle.leafHash(lines[index])
        leaves.append(prev)
    }

    let historyLines = splitLines([UInt8](try Data(contentsOf: location.checkpointHistoryURL)))
    #expect(!historyLines.isEmpty, sourceLocation: sourceLocation)
    var accumulator = MerkleAccumulator()
    var lastSize: Int64 = 0
    var lastNote = ""
    for line in historyLines {
        let object = try JSONValue.parse(line)
        #expect(object.canonicalBytes() == line, "history line canonical", sourceLocation: sourceLocation)
        let note = try #require(object["note"]?.stringValue, sourceLocation: sourceLocation)
        guard case .verified(let body) = SignedNote.open(note, verifier: verifier) else {
            Issue.record("checkpoint signature does not verify", sourceLocation: sourceLocation)
            continue
        }
        let checkpoint = try Checkpoint(parsingBody: body)
        #expect(checkpoint.size > lastSize, "checkpoint sizes increase", sourceLocation: sourceLocation)
        #expect(checkpoint.size <= Int64(leaves.count), "checkpoint within log", sourceLocation: sourceLocation)
        while accumulator.size < checkpoint.size, accumulator.size < Int64(leaves.count) {
            accumulator.append(leaves[Int(accumulator.size)])
        }
        #expect(
            accumulator.root == checkpoint.rootHash, "root at size \(checkpoint.size)", sourceLocation: sourceLocation)
        lastSize = checkpoint.size
        lastNote = note
    }
    #expect(lastSize == Int64(entries.count), "latest checkpoint covers the whole log", sourceLocation: sourceLocation)
    let checkpointFile = try String(contentsOf: location.checkpointURL, encoding: .utf8)
    #expect(checkpointFile == lastNote, "checkpoint file is the last history line", sourceLocation: sourceLocation)
    return entries
}
