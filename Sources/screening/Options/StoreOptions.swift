import ArgumentParser
import EventLog
import Foundation
import ScreeningApp

/// Where the store and its secrets are, and the site's time zone.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store directory (default ./eventstore, or SCREENING_STORE).")
    var store: String?

    @Option(name: .long, help: "The secrets directory (default <store>.secrets, or SCREENING_SECRETS).")
    var secrets: String?

    @Option(name: .customLong("time-zone"), help: "The site's time zone (default Asia/Shanghai, or SCREENING_TIME_ZONE).")
    var timeZone: String?

    @Option(name: .customLong("password-iterations"), help: .hidden)
    var passwordIterations: Int?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var storeURL: URL {
        URL(fileURLWithPath: store ?? environment["SCREENING_STORE"] ?? "eventstore").standardizedFileURL
    }

    func configuration(now: (@Sendable () -> Timestamp)? = nil) throws -> AppConfiguration {
        let zoneName = timeZone ?? environment["SCREENING_TIME_ZONE"] ?? "Asia/Shanghai"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw ValidationError("Unknown time zone \(zoneName); use a tz database name such as Asia/Shanghai.")
        }
        let iterations = passwordIterations
            ?? environment["SCREENING_PASSWORD_ITERATIONS"].flatMap(Int.init)
            ?? AppConfiguration.defaultPasswordIterations
        let secretsPath = secrets ?? environment["SCREENING_SECRETS"]
        return AppConfiguration(
            storeDirectory: storeURL, secretsDirectory: secretsPath.map { URL(fileURLWithPath: $0) },
            siteTimeZone: zone, passwordIterations: iterations, now: now ?? AppConfiguration.systemNow)
    }
}
