import EventLog
import ScreeningDomain

/// A synthetic, realistic screening history for the CD7 CAR-T protocol, recorded through the
/// same application layer as real use (`ScreeningService.perform`), with a clock moving through
/// November 2026 (site time, Asia/Shanghai). Screening numbers only; no patient names.
public enum DemoScenario {
    /// What `run` recorded, for printing.
    public struct Summary: Sendable {
        /// The demo accounts with their passwords.
        public var accounts: [DemoAccount]
        /// One line per subject: screening number and what happened.
        public var subjects: [(number: String, story: String)]
        /// The number of entries in the log.
        public var entries: Int64
        /// A date in the middle of the timeline, for `replay --as-of`.
        public var middleDate: String
    }

    /// The first screening day of the timeline (site-local).
    public static let firstDay = "2026-11-02"
    /// A day in the middle: before the amendment, after the first enrolment.
    public static let middleDay = "2026-11-13"

    /// Creates the store described by `configuration` (which must read `clock`) and records the
    /// whole history. Returns the open service.
    public static func run(
        _ configuration: AppConfiguration, clock: DemoClock
    ) async throws(AppError) -> (service: ScreeningService, summary: Summary) {
        clock.set(DemoScript.instant(day: 2, hour: 8, minute: 30, site: configuration.site))
        let admin = DemoAccount.all[0]
        let service = try await ScreeningService.create(
            configuration, admin: NewAccount(id: admin.id, name: admin.name, role: admin.role), password: admin.password)
        var script = DemoScript(service: service, clock: clock)
        try await script.recordHistory()
        let summary = Summary(
            accounts: DemoAccount.all, subjects: script.stories, entries: service.logSize, middleDate: middleDay)
        return (service, summary)
    }
}
