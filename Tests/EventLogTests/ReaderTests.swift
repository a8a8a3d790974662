import EventLog
import Foundation
import LogCrypto
import Testing

@Suite("Reader: ranges, subjects, time, raw lines")
struct ReaderTests {
    /// 0: created at t0; 1...3 at t0+10; 4,5 at t0+20; 6 at t0+30. Subjects alternate A/B.
    private func sampleStore() async throws -> (ScratchStore, LogWriter, Timestamp) {
        let store = ScratchStore()
        let t0 = Timestamp(microsecondsSinceEpoch: 1_750_000_000_000_000)
        let clock = TestClock(t0)
        let (writer, _) = try await makeWriter(store, clock: clock)
        clock.set(at(t0, 10))
        try await writer.append([draft(subject: "A"), draft(subject: "B")])
        try await writer.append([draft(subject: "A")])
        clock.set(at(t0, 20))
        try await writer.append([draft(subject: "B"), draft(subject: "A")])
        clock.set(at(t0, 30))
        try await writer.append([draft(subject: "B")])
        return (store, writer, t0)
    }

    private func at(_ base: Timestamp, _ plus: Int64) -> Timestamp {
        Timestamp(microsecondsSinceEpoch: base.microsecondsSinceEpoch + plus)
    }

    @Test("entries by seq range")
    func seqRange() async throws {
        let (store, writer, _) = try await sampleStore()
        let reader = writer.reader
        #expect(reader.location == store.location)
        #expect(try reader.entries().collect().map(\.seq) == Array(0...6))
        #expect(try reader.entries(from: 2, through: 4).collect().map(\.seq) == [2, 3, 4])
        #expect(try reader.entries(from: 5).collect().map(\.seq) == [5, 6])
        #expect(try reader.entries(from: 6, through: 6).collect().map(\.seq) == [6])
        #expect(try reader.entries(from: 7).collect().isEmpty)
        #expect(try reader.entries(from: 4, through: 3).collect().isEmpty)
        #expect(try reader.entries(from: 3, through: 100).collect().map(\.seq) == [3, 4, 5, 6])
        var visited: [Int64] = []
        try reader.forEachEntry(from: 1, through: 2) { visited.append($0.seq) }
        #expect(visited == [1, 2])
        #expect(try reader.acknowledgedSize() == 7)
        #expect(try reader.latestCheckpointNote() == writer.latestCheckpointNote)
        await writer.close()
    }

    @Test("entries by subject")
    func bySubject() async throws {
        let (store, writer, _) = try await sampleStore()
        let reader = writer.reader
        #expect(reader.location == store.location)
        #expect(try reader.entries(forSubject: "A").collect().map(\.seq) == [1, 3, 5])
        #expect(try reader.entries(forSubject: "B").collect().map(\.seq) == [2, 4, 6])
        #expect(try reader.entries(forSubject: "C").collect().isEmpty)
        await writer.close()
    }

    @Test("lastSeq(atOrBefore:) at the boundaries")
    func asOf() async throws {
        let (store, writer, t0) = try await sampleStore()
        let reader = writer.reader
        #expect(reader.location == store.location)
        #expect(try reader.lastSeq(atOrBefore: at(t0, -1)) == nil)  // before the first entry
        #expect(try reader.lastSeq(atOrBefore: t0) == 0)
        #expect(try reader.lastSeq(atOrBefore: at(t0, 9)) == 0)
        #expect(try reader.lastSeq(atOrBefore: at(t0, 10)) == 3)  // last of three equal ats
        #expect(try reader.lastSeq(atOrBefore: at(t0, 19)) == 3)
        #expect(try reader.lastSeq(atOrBefore: at(t0, 20)) == 5)
        #expect(try reader.lastSeq(atOrBefore: at(t0, 30)) == 6)
        #expect(try reader.lastSeq(atOrBefore: at(t0, 1_000_000)) == 6)  // after the last entry
        await writer.close()
    }

    @Test("lastSeq(atOrBefore:) agrees with a linear scan on a larger log")
    func asOfLarge() async throws {
        let store = ScratchStore()
        let clock = TestClock()
        let (writer, _) = try await makeWriter(store, clock: clock)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<150 {
            clock.advance(microseconds: Int64.random(in: 0...3, using: &generator))
            let count = Int.random(in: 1...4, using: &generator)
            try await writer.append(
                (0..<count).map { _ in
                    draft(
                        subject: "S-001",
                        ["pad": .string(String(repeating: "p", count: Int.random(in: 0...300, using: &generator)))])
                })
        }
        await writer.close()
        let reader = LogReader(store: store.location)
        let entries = try reader.entries().collect()
        let first = entries.first!.at.microsecondsSinceEpoch
        let last = entries.last!.at.microsecondsSinceEpoch
        for micros in (first - 2)...(last + 2) {
            let time = Timestamp(microsecondsSinceEpoch: micros)
            let expected = entries.last { $0.at <= time }?.seq
            #expect(try reader.lastSeq(atOrBefore: time) == expected)
        }
        for seq in stride(from: Int64(0), to: Int64(entries.count), by: 7) {
            #expect(try reader.entries(from: seq, through: seq).collect().first == entries[Int(seq)])
        }
    }

    @Test("raw lines from a seq are the stored bytes")
    func rawLines() async throws {
        let (store, writer, _) = try await sampleStore()
        let reader = writer.reader
        let all = try store.eventsBytes()
        let lines = try store.eventLines()
        let fromThree = lines[3...].flatMap { $0 + [UInt8(ascii: "\n")] }
        var cursor = try reader.rawLines(fromSeq: 3)
        #expect(cursor.byteCount == Int64(fromThree.count))
        var streamed: [UInt8] = []
        while let chunk = try cursor.nextChunk(maxBytes: 17) { streamed += chunk }
        #expect(streamed == fromThree)
        var middle = try reader.rawLines(fromSeq: 2, through: 4)
        var some: [UInt8] = []
        while let chunk = try middle.nextChunk(maxBytes: 5) { some += chunk }
        #expect(some == lines[2...4].flatMap { $0 + [UInt8(ascii: "\n")] })
        var whole = try reader.rawLines()
        var everything: [UInt8] = []
        while let chunk = try whole.nextChunk() { everything += chunk }
        #expect(everything == all)
        await writer.close()
    }

    @Test("a partial final line and unacknowledged lines are not read by default")
    func partialAndUnacknowledged() async throws {
        let (store, writer, _) = try await sampleStore()
        await writer.close()
        let lines = try store.eventLines()
        let last = try LogEntry(line: lines.last!)
        let extra = LogEntry(
            seq: 7, prev: Merkle.leafHash(lines.last!), at: last.at, type: "subject.enrolled",
            actor: coordinator, data: [:], subject: "A")
        try store.appendToEvents(extra.canonicalLine() + [UInt8(ascii: "\n")] + Array(#"{"actor":{"id":"#.utf8))

        let reader = LogReader(store: store.location)
        #expect(try reader.entries().collect().map(\.seq) == Array(0...6))
        #expect(try reader.entries(forSubject: "A").collect().map(\.seq) == [1, 3, 5])
        #expect(try reader.lastSeq(atOrBefore: Timestamp(microsecondsSinceEpoch: .max / 2)) == 6)
        var raw = try reader.rawLines(fromSeq: 5)
        var bytes: [UInt8] = []
        while let chunk = try raw.nextChunk() { bytes += chunk }
        #expect(bytes == lines[5...].flatMap { $0 + [UInt8(ascii: "\n")] })

        // Asking for every complete line includes the unacknowledged one, never the partial one.
        #expect(try reader.entries(scope: .allCompleteLines).collect().map(\.seq) == Array(0...7))
        #expect(try reader.entries(forSubject: "A", scope: .allCompleteLines).collect().map(\.seq) == [1, 3, 5, 7])
    }

    @Test("a torn checkpoint file falls back to the last line of checkpoints.jsonl")
    func tornCheckpointFile() async throws {
        let (store, writer, _) = try await sampleStore()
        let note = writer.latestCheckpointNote
        await writer.close()
        try Data("screening.exa".utf8).write(to: store.location.checkpointURL)
        let reader = LogReader(store: store.location)
        #expect(try reader.latestCheckpointNote() == note)
        #expect(try reader.acknowledgedSize() == 7)
        #expect(try reader.entries().collect().count == 7)
    }
}
