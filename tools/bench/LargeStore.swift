import EventLog
import Foundation
import LogCrypto
import ScreeningApp
import ScreeningDomain
import Synchronization

/// The large store the verify, replay and HTTP rows use: created by `ScreeningService.create`
/// (signing key, administrator, bundled protocol) with a coordinator and an investigator account,
/// then filled with synthetic screening histories through the real `LogWriter`, so it is a valid
/// store that `verify` accepts and the service opens.
struct LargeStore: Sendable {
    /// Where it is.
    var location: StoreLocation
    /// The application configuration that opens it (system clock).
    var configuration: AppConfiguration
    /// The checkpoint signing key, for reopening the writer.
    var signingKey: Ed25519SigningKey
    /// The checkpoint signer's public key, for the verifier.
    var verifierKey: NoteVerifierKey
    /// Events in it.
    var events: Int64
    /// Subjects whose histories it holds.
    var subjects: Int
    /// How long writing it took, seconds.
    var buildSeconds: Double

    /// The password of every benchmark account (synthetic; the store is deleted after the run).
    static let password = "bench-password-not-secret-1"
    /// PBKDF2 iterations for the benchmark accounts: the service's default (`serve` accepts no fewer).
    static let passwordIterations = AppConfiguration.defaultPasswordIterations

    /// Screening numbers of subjects still being screened (new assessments are accepted for them).
    var openSubjects: [String] {
        (0..<subjects).filter { $0 % 50 == 49 }.map(SyntheticScreening.screeningNumber)
    }

    /// Writes about `events` events (whole subject histories) under `directory`.
    ///
    /// `writers` tasks each take the next subject and append its history in two `transact`
    /// calls, as a site would: first registration, consent, assessments and the correction, then,
    /// after evaluating the facts with the seqs those entries got (outside the writer, in
    /// parallel), the investigator's signature and enrolment or screen failure. Group commit
    /// gathers many calls per fsync; each call's entries share one `at` from a clock spread over
    /// the past year.
    static func build(events: Int, directory: String, writers: Int = 64) async throws -> LargeStore {
        let screening = try SyntheticScreening()
        let subjects = subjectCount(reaching: events)
        let clock = SpreadClock(spanSeconds: 365 * 86_400, stepMicroseconds: 365 * 86_400 * 1_000_000 / Int64(2 * subjects + 8))
        let storeURL = URL(fileURLWithPath: directory + "/store")
        let start = MonotonicTime.nanoseconds()

        try await createAccounts(storeURL: storeURL, clock: clock)
        let configuration = AppConfiguration(
            storeDirectory: storeURL, origin: origin, passwordIterations: passwordIterations)
        let location = StoreLocation(store: configuration.storeDirectory, secrets: configuration.secretsDirectory)
        let key = try location.loadSigningKey()
        let writer = try await LogWriter.open(at: location, signingKey: key, clock: clock)
        let claimed = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<writers {
                group.addTask {
                    while true {
                        let subject = claimed.next()
                        guard subject < subjects else { return }
                        try await appendHistory(of: subject, count: subjects, screening: screening, writer: writer)
                    }
                }
            }
            try await group.waitForAll()
        }
        let size = writer.size
        await writer.close()
        return LargeStore(
            location: location, configuration: configuration, signingKey: key,
            verifierKey: NoteSigner(name: origin, key: key).verifierKey,
            events: size, subjects: subjects, buildSeconds: MonotonicTime.seconds(since: start))
    }

    /// Entries the service writes when it creates the store: log.created, the administrator's
    /// account and the protocol registration (with their checkpoints' companions), then two users.
    static let setupEntries = 6

    /// How many subject histories bring the store to at least `events` entries.
    static func subjectCount(reaching events: Int) -> Int {
        var total = setupEntries
        var subjects = 0
        while total < events {
            // Every 50th subject is still being screened (see `SyntheticScreening.SubjectPlan`).
            total += SyntheticScreening.screeningEventsPerSubject
                + (subjects % 50 == 49 ? 0 : SyntheticScreening.signOffEventsPerSubject)
            subjects += 1
        }
        return max(1, subjects)
    }

    /// The origin line of the benchmark store's checkpoints.
    static let origin = "bench.screening.example/large"

    /// Creates the store through the service: administrator, bundled protocol, and the
    /// coordinator and investigator whose ids the synthetic histories use, a minute before the
    /// histories' clock starts (a fixed instant, so the administrator's session stays valid).
    private static func createAccounts(storeURL: URL, clock: SpreadClock) async throws {
        let instant = Timestamp(microsecondsSinceEpoch: clock.start.microsecondsSinceEpoch - 60_000_000)
        let configuration = AppConfiguration(
            storeDirectory: storeURL, origin: origin, passwordIterations: passwordIterations, now: { instant })
        let admin = SyntheticScreening.administrator
        let service = try await ScreeningService.create(
            configuration, admin: NewAccount(id: admin.id, name: admin.name, role: .admin), password: password)
        let session = try await service.login(userID: admin.id, password: password, via: .cli)
        let user = try service.authenticate(token: session.token)
        for actor in [SyntheticScreening.coordinator, SyntheticScreening.investigator] {
            _ = try await service.perform(
                CommandRequest(.createUser, body: [
                    "id": .string(actor.id), "name": .string(actor.name), "role": .string(actor.role),
                    "password": .string("temporary-" + password),
                ]),
                by: user, via: .cli)
            // An admin-set password is temporary: the holder sets their own, as a real user would.
            try await service.changePassword(
                userID: actor.id, currentPassword: "temporary-" + password, newPassword: password, via: .cli)
        }
        await service.close()
    }

    /// One subject's history in two transactions (see `build`).
    private static func appendHistory(
        of subject: Int, count: Int, screening: SyntheticScreening, writer: LogWriter
    ) async throws {
        let plan = screening.plan(subject: subject, of: count)
        let drafts = screening.screeningDrafts(plan)
        let firstSeq = try await writer.transact { transaction in
            let firstSeq = transaction.nextSeq
            try transaction.append(contentsOf: drafts)
            try transaction.append(screening.correctionDraft(plan, firstSeq: firstSeq))
            return firstSeq
        }.result
        guard !plan.stillScreening else { return }
        let evaluation = screening.definition.evaluate(screening.facts(plan, firstSeq: firstSeq))
        _ = try await writer.transact { transaction in
            try transaction.append(contentsOf: screening.signOffDrafts(
                plan, evaluation: evaluation, signatureSeq: transaction.nextSeq))
        }
    }
}

/// A shared counter handing out subject indexes to the writing tasks.
private final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    /// The next index (0, 1, 2, ...).
    func next() -> Int { value.add(1, ordering: .relaxed).oldValue }
}
