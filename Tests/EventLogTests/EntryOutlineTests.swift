import EventLog
import Foundation
import Testing

@Suite("Reader: entry outlines")
struct EntryOutlineTests {
    @Test("outlines give the envelope and single data members as the full parse does")
    func matchesFullParse() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        let request: JSONValue = ["command": "assessment", "idempotencyKey": "k-\"1\"\\", "sha256": "ab"]
        try await writer.append([
            draft("assessment.recorded", subject: "S-\u{e9}\"1", [
                "nested": ["request": ["command": "not this one"]], "request": request, "value": ["number": "1.5"],
                "zz": [1, 2, ["request": 3]],
            ]),
            draft("protocol.registered", subject: nil, [:]),
            draft("subject.registered", subject: "S-2", ["list": ["}", "{", "\\\""], "schema": 1]),
        ])
        await writer.close()

        var outlines: [(seq: Int64, at: Timestamp, type: String, subject: String?, request: JSONValue?, nested: JSONValue?,
                        missing: JSONValue?, actor: String, entry: LogEntry, location: EntryLocation)] = []
        try LogReader(store: store.location).forEachOutline { outline in
            outlines.append((
                outline.seq, try outline.at, try outline.type, try outline.subject, try outline.dataMember("request"),
                try outline.dataMember("nested"), try outline.dataMember("absent"), try outline.actorID(),
                try outline.entry(), outline.location))
        }
        var located: [(LogEntry, EntryLocation)] = []
        try LogReader(store: store.location).forEachLocatedEntry { located.append(($0, $1)) }
        #expect(outlines.count == 4)
        for (outline, (entry, location)) in zip(outlines, located) {
            #expect(outline.entry == entry)
            #expect(outline.location == location)
            #expect(outline.seq == entry.seq)
            #expect(outline.at == entry.at)
            #expect(outline.type == entry.type)
            #expect(outline.subject == entry.subject)
            #expect(outline.actor == entry.actor.id)
            #expect(outline.request == entry.data["request"])
            #expect(outline.nested == entry.data["nested"])
            #expect(outline.missing == nil)
        }
        // The string members of a small object, escaped or not, absent or of another type.
        try LogReader(store: store.location).forEachOutline(from: 1, through: 1) { outline in
            let fields = try outline.dataMemberStrings("request", fields: ["sha256", "idempotencyKey", "command", "absent"])
            #expect(fields == ["ab", "k-\"1\"\\", "assessment", nil])
            #expect(try outline.dataMemberStrings("absent", fields: ["x"]) == nil)
            #expect(try outline.dataMemberStrings("value", fields: ["number"]) == ["1.5"])
            #expect(throws: LogStoreError.self) { try outline.dataMemberStrings("zz", fields: ["x"]) }
        }
        #expect(outlines[1].subject == "S-\u{e9}\"1")
        #expect(outlines[1].request == request)
        #expect(outlines[2].subject == nil)
    }

    @Test("a line that is not the writer's format is store.corrupt with its offset")
    func notAnEntry() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        try await writer.append([draft(subject: "A")])
        await writer.close()
        let bytes = try store.eventsBytes()
        // Replace the file's content by the same first line and a line that is JSON but no entry.
        var edited = Array(bytes[..<(bytes.firstIndex(of: 0x0A)! + 1)])
        let offset = Int64(edited.count)
        edited += Array(#"{"seq":1}"#.utf8) + [0x0A]
        try Data(edited).write(to: store.location.eventsURL)
        let reader = LogReader(store: store.location)
        let error = #expect(throws: LogStoreError.self) {
            try reader.forEachOutline(scope: .allCompleteLines) { _ in }
        }
        #expect(error?.code == LogStoreError.corruptCode)
        #expect(error?.location == "events.jsonl offset \(offset)")
    }
}
