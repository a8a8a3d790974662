import ArgumentParser
import ScreeningApp

/// `screening screening-log`: the ICH E6 8.3.20 subject screening log and CONSORT counts.
struct ScreeningLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screening-log", abstract: "Print the subject screening log (ICH E6 8.3.20) and CONSORT counts.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Option(help: "table, csv or json.")
    var format: Format = .table

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let view = try await ServiceAccess.reading(store) { service throws(AppError) in try await service.screeningLog() }
        switch format {
        case .csv: print(view.csv, terminator: "")
        case .json: JSONPrinter.print(view.jsonValue)
        case .table:
            var table = Table(["subject", "screening date", "status", "eligible", "screen failure", "criteria not met", "reason", "enrolled", "withdrawn"])
            for row in view.jsonValue["rows"]?.arrayValue ?? [] {
                let eligible = row["eligible"]?.boolValue.map { $0 ? "yes" : "no" } ?? ""
                table.append([
                    row["screeningNumber"]?.stringValue ?? "", row["screeningDate"]?.stringValue ?? "",
                    row["status"]?.stringValue ?? "", eligible, row["screenFailure"]?.stringValue ?? "",
                    (row["criteriaNotMet"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", "),
                    row["reasonText"]?.stringValue ?? "", row["enrolledOn"]?.stringValue ?? "", row["withdrawnOn"]?.stringValue ?? "",
                ])
            }
            print(table.rendered)
            let consort = view.jsonValue["consort"]
            func count(_ key: String) -> String { String(consort?[key]?.integerValue ?? 0) }
            print("CONSORT: assessed \(count("assessed")); excluded \(count("excluded")) (not meeting criteria \(count("excludedNotMeetingCriteria")), declined \(count("excludedDeclined")), other \(count("excludedOther"))); enrolled \(count("enrolled")); still in screening \(count("stillInScreening"))")
        }
    }
}
