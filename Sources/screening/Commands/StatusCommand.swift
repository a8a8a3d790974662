import ArgumentParser
import EventLog
import ScreeningApp

/// `screening status SUBJECT [--as-of T]`: one subject's criteria, evidence, overall result,
/// workflow status and signature, now or as known at a past instant.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show one subject's eligibility and workflow status (now, or --as-of a past instant).")

    @Argument(help: "The screening number, e.g. S-001.")
    var subject: String

    @Option(name: .customLong("as-of"), help: "A date (end of that day at the site) or an RFC 3339 instant with offset.")
    var asOf: String?

    @OptionGroup var display: DisplayOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let view = try await ServiceAccess.reading(store) { service throws(AppError) in
            try await service.subjectStatus(subject, asOf: asOf)
        }
        if display.json { return JSONPrinter.print(view.jsonValue) }
        let time = TimeDisplay(site: try store.configuration().site, utc: display.utc)
        print(StatusRendering.text(view.jsonValue, time: time))
    }
}
