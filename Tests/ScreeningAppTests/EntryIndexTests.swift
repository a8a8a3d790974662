import EventLog
import Foundation
import Testing

@testable import ScreeningApp

@Suite("The service's entry index")
struct EntryIndexTests {
    /// The index the service keeps must place every seq exactly where the log has it, and answer
    /// "last seq at or before T" as the bisecting reader does - after commits and after a reopen.
    @Test("index locations and time search agree with the log, live and after reopen")
    func agreesWithLog() async throws {
        let (live, configuration, directory) = try await Fixture.demo()
        _ = directory
        try checkIndex(of: live)
        await live.close()

        let reopened = try await ScreeningService.open(configuration)
        try checkIndex(of: reopened)
        await reopened.close()
    }

    private func checkIndex(of service: ScreeningService) throws {
        let reader = service.logReader
        var located: [(LogEntry, EntryLocation)] = []
        try reader.forEachLocatedEntry { located.append(($0, $1)) }
        let index = service.state.withLock { $0.index }
        #expect(index.isUsable)
        #expect(index.count == Int64(located.count))
        for (entry, location) in located {
            #expect(index.location(of: entry.seq) == location)
        }
        #expect(index.location(of: Int64(located.count)) == nil)
        #expect(index.location(of: -1) == nil)

        // Every distinct instant in the log, one microsecond either side, and far outside it.
        let size = Int64(located.count)
        var instants = [Timestamp(microsecondsSinceEpoch: -1), Timestamp(microsecondsSinceEpoch: .max / 2)]
        for (entry, _) in located {
            let micros = entry.at.microsecondsSinceEpoch
            instants += [micros - 1, micros, micros + 1].map(Timestamp.init(microsecondsSinceEpoch:))
        }
        for instant in instants {
            #expect(index.lastSeq(atOrBefore: instant, below: size) == (try reader.lastSeq(atOrBefore: instant)))
        }
        // The limit caps the answer.
        let last = located[located.count - 1].0
        #expect(index.lastSeq(atOrBefore: last.at, below: 3) == 2)
    }
}
