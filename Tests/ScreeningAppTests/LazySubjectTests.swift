import EventLog
import Foundation
import ScreeningDomain
import Testing

@testable import ScreeningApp

/// Open reads only envelopes and folds each subject on first use; everything it answers must be
/// what folding the whole log answers.
@Suite("Subjects folded on first use after open")
struct LazySubjectTests {
    private let coordinator = AuthenticatedUser(id: "coord.li", name: "Li Na", role: .coordinator)

    /// The screening state folded by the domain alone from every entry of the log.
    private func referenceFold(_ service: ScreeningService) throws -> ScreeningState {
        let entries = try service.logReader.entries().collect().map(ApplicationEnvelope.domainEntry)
        return try ScreeningState.fold(entries)
    }

    private func numbers(_ service: ScreeningService) -> [String] {
        service.state.withLock { Array($0.subjectSeqs.keys).sorted() }
    }

    @Test("open folds no subject; views, worklist and screening log equal those of the live service")
    func reopenedAnswersAsLive() async throws {
        let (live, configuration, directory) = try await Fixture.demo()
        _ = directory
        let numbers = numbers(live)
        var views: [String: JSONValue] = [:]
        for number in numbers { views[number] = try await live.subjectStatus(number).jsonValue }
        let worklist = try await live.worklist().jsonValue
        let screeningLog = try await live.screeningLog().jsonValue
        await live.close()

        let reopened = try await ScreeningService.open(configuration)
        #expect(reopened.state.withLock { $0.screening.subjects.isEmpty })
        #expect(reopened.state.withLock { $0.unloaded } == Set(numbers))
        // One subject on demand: only that one is folded.
        let first = try #require(numbers.first)
        #expect(try await reopened.subjectStatus(first).jsonValue == views[first])
        #expect(reopened.state.withLock { $0.unloaded } == Set(numbers).subtracting([first]))
        // All of them for the worklist, in registration order again.
        #expect(try await reopened.worklist().jsonValue == worklist)
        #expect(try await reopened.screeningLog().jsonValue == screeningLog)
        #expect(reopened.state.withLock { $0.unloaded.isEmpty && Self.inLogOrder($0.screening) })
        for number in numbers { #expect(try await reopened.subjectStatus(number).jsonValue == views[number]) }
        let reference = try referenceFold(reopened)
        #expect(reopened.state.withLock { $0.screening.subjects } == reference.subjects)
        #expect(reopened.state.withLock { $0.screening.registrationOrder } == reference.registrationOrder)
        await reopened.close()
    }

    @Test("writes to a subject not yet folded fold it first; the warm-up folds the rest")
    func writeAfterReopen() async throws {
        let (live, configuration, directory) = try await Fixture.demo()
        _ = directory
        await live.close()

        let reopened = try await ScreeningService.open(configuration)
        // S-007 is still screening in the demo: a repeat lab is a new current value.
        #expect(reopened.state.withLock { $0.unloaded.contains("S-007") })
        let outcome = try await reopened.perform(
            CommandRequest(.assessment, target: "S-007", body: [
                "input": "lipase", "value": ["number": "45"], "unit": "U/L", "uln": "60", "observedOn": "2026-11-25",
                "sourceDocument": "biochemistry panel",
            ]),
            by: coordinator, via: .cli)
        #expect(outcome.recorded.count == 1)
        #expect(!reopened.state.withLock { $0.unloaded.contains("S-007") })
        // A registration under a number already in the log is refused, though not yet folded.
        #expect(reopened.state.withLock { $0.unloaded.contains("S-001") })
        let duplicate = await #expect(throws: AppError.self) {
            try await reopened.perform(
                CommandRequest(.register, body: ["screeningNumber": "S-001", "screeningDate": "2026-11-20"]),
                by: coordinator, via: .cli)
        }
        #expect(duplicate?.code == "subject.duplicate")
        reopened.warmUp()
        for _ in 0..<500 where !reopened.state.withLock({ $0.unloaded.isEmpty }) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(reopened.state.withLock { $0.unloaded.isEmpty && Self.inLogOrder($0.screening) })
        let reference = try referenceFold(reopened)
        #expect(reopened.state.withLock { $0.screening.subjects } == reference.subjects)
        #expect(reopened.state.withLock { $0.screening.registrationOrder } == reference.registrationOrder)
        await reopened.close()
    }

    @Test("writes racing the warm-up: every subject ends folded exactly as the whole log folds")
    func writesDuringWarmUp() async throws {
        let (live, configuration, directory) = try await Fixture.demo()
        _ = directory
        let numbers = numbers(live)
        await live.close()

        let reopened = try await ScreeningService.open(configuration)
        let monitor = AuthenticatedUser(id: "mon.liu", name: "Liu Yang", role: .monitor)
        reopened.warmUp()
        // Audit reviews change each subject's record; sent from many tasks while subjects fold.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in 0..<3 {
                for number in numbers {
                    group.addTask {
                        _ = try await reopened.perform(
                            CommandRequest(.auditReviewed, target: number, body: ["comment": .string("round \(round)")]),
                            by: monitor, via: .cli)
                    }
                }
            }
            try await group.waitForAll()
        }
        try reopened.loadAllSubjects()
        #expect(reopened.state.withLock { $0.unloaded.isEmpty && Self.inLogOrder($0.screening) })
        let reference = try referenceFold(reopened)
        #expect(reopened.state.withLock { $0.screening.subjects } == reference.subjects)
        #expect(reopened.state.withLock { $0.screening.registrationOrder } == reference.registrationOrder)
        #expect(reference.subjects.values.allSatisfy { $0.auditReviews.count >= 3 })
        await reopened.close()
    }

    /// True when the registration order follows the registration seqs.
    private static func inLogOrder(_ state: ScreeningState) -> Bool {
        let seqs = state.registrationOrder.compactMap { state.subjects[$0]?.registeredSeq }
        return seqs.count == state.registrationOrder.count && seqs == seqs.sorted()
    }
}
