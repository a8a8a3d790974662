import EventLog
import Foundation
import ScreeningDomain
import Testing

@testable import ScreeningApp

@Suite("Projection rebuild, decoded on every core")
struct ProjectionRebuildTests {
    @Test("equals the entry-by-entry fold, for the whole log and for every prefix length")
    func equalsSequentialFold() async throws {
        let (service, _, directory) = try await Fixture.demo()
        _ = directory
        let entries = try service.logReader.entries().collect()
        let sequential = try ScreeningState.fold(entries.map(ApplicationEnvelope.domainEntry))
        #expect(try ProjectionRebuild.fold(service.logReader, site: .standard) == sequential)
        for through in stride(from: Int64(0), to: Int64(entries.count), by: 37) {
            let cut = try ScreeningState.fold(entries.prefix(Int(through) + 1).map(ApplicationEnvelope.domainEntry))
            #expect(try ProjectionRebuild.fold(service.logReader, through: through, site: .standard) == cut, "through \(through)")
        }
        await service.close()
    }

    @Test("the first bad line in log order is the error, naming its offset")
    func firstErrorInOrder() async throws {
        let (service, _, directory) = try await Fixture.demo()
        await service.close()
        let events = directory.url.appendingPathComponent("eventstore/events.jsonl")
        var lines = try Data(contentsOf: events).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        // Two lines made unreadable, far apart: the earlier must be reported.
        let (first, second) = (40, lines.count - 20)
        let offset = lines[..<first].reduce(0) { $0 + $1.count + 1 }
        lines[first] = Array(#"{"not":"an entry"}"#.utf8)
        lines[second] = Array("garbage".utf8)
        try Data(lines.joined(separator: [0x0A])).write(to: events)
        let error = #expect(throws: AppError.self) {
            try ProjectionRebuild.fold(LogReader(storeURL: directory.url.appendingPathComponent("eventstore")), site: .standard)
        }
        #expect(error?.reason.contains("offset \(offset)") == true, "\(String(describing: error?.reason))")
    }
}
