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
        // Tests and throwaway demos only: allows fewer than 600,000 PBKDF2 iterations.
        let allowWeak = environment["SCREENING_ALLOW_WEAK_PASSWORD_HASHING"] == "1"
        return AppConfiguration(
            storeDirectory: storeURL, secretsDirectory: secretsPath.map { URL(fileURLWithPath: $0) },
            siteTimeZone: zone, passwordIterations: iterations, allowWeakPasswordHashing: allowWeak,
            now: now ?? AppConfiguration.systemNow)
    }

    /// A log origin unique to a new store: `screening.local/<store name>-<8 hex digits>`, so two
    /// stores never share an origin (a checkpoint of one cannot pass for the other's).
    static func uniqueOrigin(for storeDirectory: URL) -> String {
        let name = storeDirectory.lastPathComponent.lowercased().unicodeScalars
            .map { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "." ? Character($0) : "-" }
        let suffix = String(UInt32.random(in: .min ... .max), radix: 16)
        return "screening.local/\(String(name).isEmpty ? "store" : String(name))-\(suffix)"
    }
}
