import EventLog
import ScreeningDomain

/// The demo's timeline, step by step. Each step sets the clock to a site-local time and performs
/// one command as one of the demo staff.
struct DemoScript {
    let service: ScreeningService
    let clock: DemoClock
    var stories: [(number: String, story: String)] = []

    init(service: ScreeningService, clock: DemoClock) {
        self.service = service
        self.clock = clock
    }

    static let admin = DemoAccount.all[0]
    static let li = DemoAccount.all[1]
    static let wang = DemoAccount.all[2]
    static let chen = DemoAccount.all[3]
    static let zhao = DemoAccount.all[4]
    static let liu = DemoAccount.all[5]

    /// Sets the clock to `day` November 2026, `hour`:`minute` at the site (UTC+8).
    func at(_ day: Int, _ hour: Int, _ minute: Int = 0) {
        clock.set(Self.instant(day: day, hour: hour, minute: minute, site: service.configuration.site))
    }

    @discardableResult
    func run(_ who: DemoAccount, _ kind: CommandKind, _ target: String? = nil, _ body: [String: JSONValue]) async throws(AppError) -> CommandOutcome {
        clock.advance(seconds: 40)
        return try await service.perform(CommandRequest(kind, target: target, body: .object(body)), by: who.user, via: .cli)
    }

    @discardableResult
    func login(_ who: DemoAccount) async throws(AppError) -> Session {
        try await service.login(userID: who.id, password: who.password, via: .cli)
    }

    /// Signs the subject's current evaluation, as an investigator reviewing it would.
    func sign(_ subject: String, by who: DemoAccount) async throws(AppError) {
        let status = try await service.subjectStatus(subject)
        guard let hash = status.evaluationSHA256 else {
            throw .invalid("demo.no_evaluation", "the demo expected an evaluation to sign")
        }
        let meaning = status.jsonValue["signatureMeaning"] ?? .null
        try await run(who, .signEligibility, subject, [
            "evaluationSHA256": .string(hash), "password": .string(who.password), "meaning": meaning,
        ])
    }

    func register(_ number: String, day: Int, born: String, sex: String, by who: DemoAccount) async throws(AppError) {
        try await run(who, .register, nil, [
            "screeningNumber": .string(number), "screeningDate": .string(Self.date(day)),
            "dateOfBirth": .string(born), "sex": .string(sex),
        ])
    }

    func consent(_ number: String, day: Int, by who: DemoAccount) async throws(AppError) {
        try await run(who, .consent, number, ["formVersion": "ICF v2.1 (2026-09-15)", "dateSigned": .string(Self.date(day))])
    }

    /// `day` November 2026 at `hour`:`minute` in the site's zone.
    static func instant(day: Int, hour: Int, minute: Int, site: SiteCalendar) -> Timestamp {
        let start = site.startOfDay(LocalDate(iso: date(day))!)
        return Timestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + Int64(hour * 3600 + minute * 60) * 1_000_000)
    }

    static func date(_ day: Int) -> String { "2026-11-" + (day < 10 ? "0\(day)" : "\(day)") }

    /// Records a full work-up, coordinator and investigator each recording what is theirs.
    /// `overrides` replaces individual findings (by input id) to make a subject ineligible.
    func workUp(
        _ number: String, day: Int, sex: String, coordinator: DemoAccount, investigator: DemoAccount,
        overrides: [String: [String: JSONValue]] = [:], omit: Set<String> = []
    ) async throws(AppError) -> [String: Int64] {
        var seqs: [String: Int64] = [:]
        let base = DemoFindings.workUp(sex: sex, day: day)
        let extras = overrides.keys.sorted().filter { input in !base.contains { $0.input == input } }
            .map { DemoFindings.Finding(input: $0, body: overrides[$0]!, attested: false) }
        for finding in base + extras where !omit.contains(finding.input) {
            var body = overrides[finding.input] ?? finding.body
            body["input"] = .string(finding.input)
            let who = finding.attested ? investigator : coordinator
            let outcome = try await run(who, finding.attested ? .attestation : .assessment, number, body)
            seqs[finding.input] = outcome.recorded.first?.seq
            clock.advance(seconds: 120)
        }
        return seqs
    }
}
