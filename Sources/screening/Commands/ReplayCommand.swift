import ArgumentParser
import ScreeningApp

/// `screening replay --as-of T`: every subject as known at a past instant.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Show every subject as the log knew them at a past instant.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Option(name: .customLong("as-of"), help: "A date (end of that day at the site) or an RFC 3339 instant with offset.")
    var asOf: String

    @Option(help: "table, json or csv.")
    var format: Format = .table

    @Flag(help: "Show times in UTC instead of the site's zone.")
    var utc = false

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let view = try await ServiceAccess.reading(store) { service throws(AppError) in try await service.replay(asOf: asOf) }
        switch format {
        case .json: JSONPrinter.print(view.jsonValue)
        case .csv: print(view.csv, terminator: "")
        case .table:
            let time = TimeDisplay(site: try store.configuration().site, utc: utc)
            print("As of \(view.asOf.requested): \(time.show(view.asOf.instant)), \(ReplayPointText.considered(view.asOf.lastSeq))\n")
            var table = Table(["subject", "screening date", "status", "overall", "signature", "waiting for"])
            for subject in view.jsonValue["subjects"]?.arrayValue ?? [] {
                table.append([
                    subject["screeningNumber"]?.stringValue ?? "", subject["screeningDate"]?.stringValue ?? "",
                    subject["status"]?.stringValue ?? "", subject["overall"]?["status"]?.stringValue ?? "",
                    subject["signature"]?.stringValue ?? "", WorklistRendering.phrases(subject["waitingFor"]),
                ])
            }
            print(table.rendered, terminator: "")
        }
    }
}
