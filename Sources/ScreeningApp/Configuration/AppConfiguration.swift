public import EventLog
public import Foundation
public import ScreeningDomain

/// Everything the application layer needs to open a store: where it lives, the site's time zone,
/// the security parameters, and the clock.
public struct AppConfiguration: Sendable {
    /// The store directory (events.jsonl, checkpoints). Nothing secret is ever written here.
    public var storeDirectory: URL
    /// The secrets directory beside the store (signing key, credentials.json), mode 0700, files 0600.
    /// Defaults to `<store>.secrets`.
    public var secretsDirectory: URL
    /// The site's time zone: bare dates in `asOf` mean the end of that day here, and people see
    /// times with this zone's offset. The log itself stores UTC. Default Asia/Shanghai (UTC+8).
    public var siteTimeZone: TimeZone
    /// The log's origin line for signed checkpoints (C2SP tlog-checkpoint), e.g. `screening.example/site-1`.
    public var origin: String
    /// PBKDF2-HMAC-SHA256 iterations for new password hashes. OWASP 2023: 600,000; tests lower it.
    public var passwordIterations: Int
    /// How long a bearer token stays valid after login.
    public var tokenLifetime: Duration
    /// Failed logins in a row that lock an account (an admin unlocks it).
    public var maxFailedLogins: Int
    /// The clock that stamps `at` on every entry and decides token expiry (UTC, microseconds).
    /// Injected so tests and the demo can move time.
    public var now: @Sendable () -> Timestamp

    /// The default origin when none is given.
    public static let defaultOrigin = "screening.local/eventstore"
    /// The default PBKDF2 iteration count (OWASP password storage cheat sheet, PBKDF2-HMAC-SHA256).
    public static let defaultPasswordIterations = 600_000

    /// Creates a configuration; `secretsDirectory` defaults to `<store>.secrets` beside the store.
    public init(
        storeDirectory: URL,
        secretsDirectory: URL? = nil,
        siteTimeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!,
        origin: String = AppConfiguration.defaultOrigin,
        passwordIterations: Int = AppConfiguration.defaultPasswordIterations,
        tokenLifetime: Duration = .seconds(8 * 3600),
        maxFailedLogins: Int = 5,
        now: @escaping @Sendable () -> Timestamp = AppConfiguration.systemNow
    ) {
        self.storeDirectory = storeDirectory.standardizedFileURL
        self.secretsDirectory = (secretsDirectory ?? AppConfiguration.defaultSecretsDirectory(for: storeDirectory))
            .standardizedFileURL
        self.siteTimeZone = siteTimeZone
        self.origin = origin
        self.passwordIterations = passwordIterations
        self.tokenLifetime = tokenLifetime
        self.maxFailedLogins = maxFailedLogins
        self.now = now
    }

    /// `<store>.secrets`, the sibling of the store directory (never inside it).
    public static func defaultSecretsDirectory(for storeDirectory: URL) -> URL {
        let store = storeDirectory.standardizedFileURL
        let name = store.lastPathComponent.isEmpty ? "eventstore" : store.lastPathComponent
        return store.deletingLastPathComponent().appendingPathComponent(name + ".secrets", isDirectory: true)
    }

    /// The system's wall clock, in UTC microseconds.
    public static let systemNow: @Sendable () -> Timestamp = {
        Timestamp(microsecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()))
    }
}

extension AppConfiguration {
    /// The site's calendar for the screening domain (local dates, end of day for `asOf`).
    public var site: SiteCalendar { SiteCalendar(timeZone: siteTimeZone) }
}
