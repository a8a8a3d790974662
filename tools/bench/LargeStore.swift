import EventLog
import LogCrypto
import ScreeningDomain
import Synchronization

/// The large store the verify and replay rows read: the protocol registration and synthetic
/// screening histories written through the real `LogWriter` in large batches, so it is a valid
/// store that `verify` accepts and the domain can fold.
struct LargeStore: Sendable {
    /// Where it is.
    var location: StoreLocation
    /// The checkpoint signing key, for reopening the writer.
    var signingKey: Ed25519SigningKey
    /// The checkpoint signer's public key, for the verifier.
    var verifierKey: NoteVerifierKey
    /// The origin line of its checkpoints.
    var origin: String
    /// Events in it, the creation entry included.
    var events: Int64
    /// Subjects whose histories it holds.
    var subjects: Int
    /// How long writing it took, seconds.
    var buildSeconds: Double

    /// Writes about `events` events (whole subject histories) under `directory`.
    ///
    /// `writers` tasks each take the next subject and append its history in two `transact`
    /// calls, as a site would: first registration, consent, assessments and the correction, then,
    /// after evaluating the facts with the seqs those entries got (outside the writer, in
    /// parallel), the investigator's signature and enrolment or screen failure. Group commit
    /// gathers many calls per fsync; each call's entries share one `at` from a clock spread over
    /// the past year.
    static func build(events: Int, directory: String, writers: Int = 64) async throws -> LargeStore {
        let origin = "bench.screening.example/large"
        let location = StoreLocation(storePath: directory + "/store")
        let key = Ed25519SigningKey.generate()
        let screening = try SyntheticScreening()
        let subjects = max(1, (events - 2) / SyntheticScreening.eventsPerSubject)
        let clock = SpreadClock(spanSeconds: 365 * 86_400, stepMicroseconds: 365 * 86_400 * 1_000_000 / Int64(2 * subjects))

        let start = MonotonicTime.nanoseconds()
        let writer = try await LogWriter.create(
            at: location, origin: origin, signingKey: key, creator: SyntheticScreening.administrator, clock: clock)
        try await writer.append([screening.protocolDraft()])
        let claimed = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<writers {
                group.addTask {
                    while true {
                        let subject = claimed.next()
                        guard subject < subjects else { return }
                        let plan = screening.plan(subject: subject, of: subjects)
                        let drafts = screening.screeningDrafts(plan)
                        let firstSeq = try await writer.transact { transaction in
                            let firstSeq = transaction.nextSeq
                            try transaction.append(contentsOf: drafts)
                            try transaction.append(screening.correctionDraft(plan, firstSeq: firstSeq))
                            return firstSeq
                        }.result
                        let evaluation = screening.definition.evaluate(screening.facts(plan, firstSeq: firstSeq))
                        _ = try await writer.transact { transaction in
                            try transaction.append(contentsOf: screening.signOffDrafts(
                                plan, evaluation: evaluation, signatureSeq: transaction.nextSeq))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let size = await writer.size
        await writer.close()
        return LargeStore(
            location: location, signingKey: key, verifierKey: NoteSigner(name: origin, key: key).verifierKey, origin: origin,
            events: size, subjects: subjects, buildSeconds: MonotonicTime.seconds(since: start))
    }
}

/// A shared counter handing out subject indexes to the writing tasks.
private final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    /// The next index (0, 1, 2, ...).
    func next() -> Int { value.add(1, ordering: .relaxed).oldValue }
}
