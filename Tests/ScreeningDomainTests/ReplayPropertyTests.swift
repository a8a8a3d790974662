import EventLog
import ScreeningDomain
import Testing

/// Replay as of T equals the fold of the log cut after the last entry at or before T, over
/// logs generated from random (seeded) command sequences across several subjects.
@Suite struct ReplayPropertyTests {
    static let seeds: [UInt64] = Array(1...16)

    @Test(arguments: seeds)
    func replayAsOfEqualsTheFoldOfTheCutLog(seed: UInt64) throws {
        var generator = CommandSequenceGenerator(seed: seed)
        let log = try generator.generate(steps: 160)
        let entries = log.entries
        #expect(try ScreeningState.fold(entries) == log.state)

        var random = generator.random
        let first = entries.first!.at.microsecondsSinceEpoch
        let last = entries.last!.at.microsecondsSinceEpoch
        var instants: [Int64] = [first - 1, last, last + 1]
        for _ in 0..<40 { instants.append(first + Int64(random.next(below: UInt64(last - first + 1)))) }
        for _ in 0..<10 {
            let at = entries[Int(random.next(below: UInt64(entries.count)))].at.microsecondsSinceEpoch
            instants += [at - 1, at]
        }
        for micros in instants {
            let instant = Timestamp(microsecondsSinceEpoch: micros)
            let replay = try Replay.asOf(instant, entries: entries)
            let cut = entries.prefix { $0.at <= instant }
            #expect(replay.instant == instant)
            #expect(replay.lastSeq == cut.last?.seq)
            let expected = try ScreeningState.fold(Array(cut))
            #expect(replay.state == expected, "seed \(seed), instant \(instant.formatted)")
            // One subject's replay holds the same record and protocols as the whole-log replay.
            if let subject = expected.registrationOrder.last {
                let single = try Replay.asOf(instant, entries: entries, subject: subject)
                #expect(single.state.subjects[subject] == expected.subjects[subject])
                #expect(single.state.protocols == expected.protocols)
                #expect(single.state.subjectView(subject) == expected.subjectView(subject))
                #expect(single.lastSeq == replay.lastSeq)
                // With the protocol versions taken decoded from the full log's state.
                if let through = cut.last?.seq {
                    let reused = try ScreeningState.replay(
                        subjectEntries: entries.filter { $0.subject == subject }, protocols: log.state.protocols,
                        through: through, site: .standard)
                    #expect(reused.subjects[subject] == expected.subjects[subject], "seed \(seed)")
                    #expect(reused.protocols == expected.protocols)
                    #expect(reused.subjectView(subject) == expected.subjectView(subject))
                }
            }
        }
    }

    @Test(arguments: seeds)
    func generatedLogsAuditCleanAndCountConsistently(seed: UInt64) throws {
        var generator = CommandSequenceGenerator(seed: seed)
        let log = try generator.generate(steps: 160)
        #expect(try SignatureAuditReport.audit(log.entries).allMatch)
        let consort = log.state.screeningLog().consort
        #expect(consort.assessed == log.state.subjects.count)
        #expect(consort.assessed == consort.excluded + consort.enrolled + consort.stillInScreening)
        for subject in log.state.registrationOrder {
            let history = try SubjectHistory.build(subject: subject, from: log.entries)
            let own = log.entries.filter { $0.subject == subject }.map(\.seq)
            #expect(history.entries.map(\.seq).filter(own.contains) == own)
        }
    }

    /// The generator reaches every kind of event, so the property covers them.
    @Test func generatorCoversEveryEventType() throws {
        var types: [String: Int] = [:]
        for seed in Self.seeds {
            var generator = CommandSequenceGenerator(seed: seed)
            for entry in try generator.generate(steps: 160).entries { types[entry.type, default: 0] += 1 }
        }
        #expect(types["eligibility.signed", default: 0] >= 16)
        #expect(types["subject.enrolled", default: 0] >= 8)
        #expect(types["assessment.corrected", default: 0] >= 16)
        #expect(ScreeningEvent.typeNames.isSubset(of: Set(types.keys)))
        #expect(types["user.login"] != nil)
    }
}
