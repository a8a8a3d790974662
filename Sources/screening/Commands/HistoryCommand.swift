import ArgumentParser
import ScreeningApp

/// `screening history SUBJECT`: who did what, when, why, old value -> new value.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show one subject's audit trail: who, what, when, why, old -> new.")

    @Argument(help: "The screening number, e.g. S-002.")
    var subject: String

    @OptionGroup var display: DisplayOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let view = try await ServiceAccess.reading(store) { service throws(AppError) in try await service.history(subject) }
        if display.json { return JSONPrinter.print(view.jsonValue) }
        let time = TimeDisplay(site: try store.configuration().site, utc: display.utc)
        var table = Table(["seq", "when", "who", "via", "what", "changes", "why"])
        for entry in view.jsonValue["entries"]?.arrayValue ?? [] {
            let actor = entry["actor"]
            let changes = (entry["changes"]?.arrayValue ?? []).map { change in
                "\(change["field"]?.stringValue ?? ""): \(change["old"]?.stringValue ?? "-") -> \(change["new"]?.stringValue ?? "-")"
            }
            var what = entry["summary"]?.stringValue ?? ""
            if let voided = entry["voidedSignatureSeq"]?.integerValue { what += " [voids signature seq \(voided)]" }
            table.append([
                String(entry["seq"]?.integerValue ?? 0), time.show(entry["at"]?.stringValue),
                "\(actor?["name"]?.stringValue ?? "") (\(actor?["id"]?.stringValue ?? ""), \(actor?["role"]?.stringValue ?? ""))",
                entry["via"]?.stringValue ?? "", what, changes.joined(separator: "; "), entry["reason"]?.stringValue ?? "",
            ])
        }
        print(table.rendered, terminator: "")
    }
}
