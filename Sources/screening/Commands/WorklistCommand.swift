import ArgumentParser
import ScreeningApp

/// `screening worklist [--as-of T]`: subjects by status with what each is waiting for.
struct WorklistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worklist", abstract: "List subjects by status with what each is waiting for.")

    @Option(name: .customLong("as-of"), help: "A date (end of that day at the site) or an RFC 3339 instant with offset.")
    var asOf: String?

    @OptionGroup var display: DisplayOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let view = try await ServiceAccess.reading(store) { service throws(AppError) in try await service.worklist(asOf: asOf) }
        if display.json { return JSONPrinter.print(view.jsonValue) }
        let time = TimeDisplay(site: try store.configuration().site, utc: display.utc)
        if let point = view.asOf {
            print("As of \(point.requested): \(time.show(point.instant)), last entry considered: seq \(point.lastSeq)\n")
        }
        var table = Table(["subject", "status", "screening date", "waiting for"])
        for item in view.jsonValue["items"]?.arrayValue ?? [] {
            table.append([
                item["screeningNumber"]?.stringValue ?? "", item["status"]?.stringValue ?? "",
                item["screeningDate"]?.stringValue ?? "", WorklistRendering.phrases(item["waitingFor"]),
            ])
        }
        print(table.rendered, terminator: "")
    }
}
