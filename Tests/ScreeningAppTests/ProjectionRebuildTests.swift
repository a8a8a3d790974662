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

    @Test("lines straddling blocks, and blocks without a line end, fold the same", arguments: [97, 700, 4096])
    func smallBlocks(blockBytes: Int) async throws {
        let (service, _, directory) = try await Fixture.demo()
        _ = directory
        let entries = try service.logReader.entries().collect()
        let sequential = try ScreeningState.fold(entries.map(ApplicationEnvelope.domainEntry))
        let rebuilt = try ProjectionRebuild.fold(service.logReader, through: nil, site: .standard, blockBytes: blockBytes)
        #expect(rebuilt == sequential)
        let half = Int64(entries.count / 2)
        let cut = try ScreeningState.fold(entries.prefix(Int(half) + 1).map(ApplicationEnvelope.domainEntry))
        #expect(try ProjectionRebuild.fold(service.logReader, through: half, site: .standard, blockBytes: blockBytes) == cut)
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
        let reader = LogReader(storeURL: directory.url.appendingPathComponent("eventstore"))
        let error = #expect(throws: AppError.self) { try ProjectionRebuild.fold(reader, site: .standard) }
        #expect(error?.reason.contains("offset \(offset)") == true, "\(String(describing: error?.reason))")
        // Also when the bad lines are many blocks apart.
        let small = #expect(throws: AppError.self) {
            try ProjectionRebuild.fold(reader, through: nil, site: .standard, blockBytes: 512)
        }
        #expect(small?.reason.contains("offset \(offset)") == true, "\(String(describing: small?.reason))")
    }
}
