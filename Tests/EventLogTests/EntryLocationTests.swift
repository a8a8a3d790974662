import EventLog
import Foundation
import Testing

@Suite("Reader: entries by location")
struct EntryLocationTests {
    @Test("forEachLocatedEntry gives each line's offset and length; entries(at:) reads them back")
    func roundTrip() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        try await writer.append([draft(subject: "A"), draft(subject: "B")])
        try await writer.append([draft(subject: "A", ["note": "caf\u{e9} \"quoted\""])])
        try await writer.append([draft(subject: "B")])
        await writer.close()

        let reader = LogReader(store: store.location)
        var located: [(LogEntry, EntryLocation)] = []
        try reader.forEachLocatedEntry { located.append(($0, $1)) }
        #expect(located.map(\.0.seq) == Array(0...4))
        // The locations tile the file: each line starts where the previous one's "\n" ends.
        let lines = try store.eventLines()
        var offset: Int64 = 0
        for ((entry, location), line) in zip(located, lines) {
            #expect(location.offset == offset)
            #expect(location.length == line.count)
            #expect(entry.canonicalLine() == line)
            offset = location.nextOffset
        }
        #expect(offset == Int64(try store.eventsBytes().count))

        // Any selection, in the order given, adjacent runs or not.
        let picks = [4, 1, 2, 0]
        let read = try reader.entries(at: picks.map { located[$0].1 })
        #expect(read == picks.map { located[$0].0 })
        #expect(try reader.entries(at: []).isEmpty)
    }

    @Test("a location that does not hold a whole line is store.corrupt, naming the offset")
    func wrongLocation() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        try await writer.append([draft(subject: "A"), draft(subject: "B")])
        await writer.close()
        let reader = LogReader(store: store.location)
        var locations: [EntryLocation] = []
        try reader.forEachLocatedEntry { locations.append($1) }

        let short = EntryLocation(offset: locations[1].offset, length: locations[1].length - 1)
        let error = try #require(throws: LogStoreError.self) { try reader.entries(at: [short]) }
        #expect(error.code == LogStoreError.corruptCode)
        #expect(error.location == "events.jsonl offset \(locations[1].offset)")

        let shifted = EntryLocation(offset: locations[1].offset + 1, length: locations[1].length - 1)
        #expect(throws: LogStoreError.self) { try reader.entries(at: [shifted]) }
        let past = EntryLocation(offset: locations[2].nextOffset, length: 10)
        #expect(throws: LogStoreError.self) { try reader.entries(at: [past]) }
    }
}
