import ArgumentParser
import Foundation
import Logging

/// The `screening` command line: the composition root for the application layer.
@main
struct ScreeningCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screening",
        abstract: "Clinical-trial eligibility screening on a tamper-evident event log.",
        discussion: """
            The store defaults to ./eventstore (--store or SCREENING_STORE); its secrets (signing key, \
            password hashes) live beside it in <store>.secrets (--secrets or SCREENING_SECRETS), never in it.
            """,
        subcommands: [
            InitCommand.self, DemoCommand.self, StatusCommand.self, WorklistCommand.self, ReplayCommand.self,
            HistoryCommand.self, TrailCommand.self, ScreeningLogCommand.self, AuditCommand.self, VerifyCommand.self,
            RecordCommand.self, UsersCommand.self, ServeCommand.self, KeyCommand.self,
        ]
    )

    /// Structured logs go to standard error (stdout carries results): warnings and up by
    /// default (info for `serve`), or the level in SCREENING_LOG_LEVEL (trace, debug, info,
    /// notice, warning, error).
    static func main() async {
        let serving = CommandLine.arguments.dropFirst().first == "serve"
        let level = ProcessInfo.processInfo.environment["SCREENING_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
            ?? (serving ? .info : .warning)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
