import ArgumentParser
import ScreeningApp

/// `screening audit`: recomputes every signed evaluation and compares it with what was signed.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Replay every eligibility signature: recompute the evaluation signed and compare SHA-256.")

    @OptionGroup var display: DisplayOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let view = try await ServiceAccess.reading(store) { service throws(AppError) in try await service.audit() }
        if display.json {
            JSONPrinter.print(view.jsonValue)
        } else {
            let time = TimeDisplay(site: try store.configuration().site, utc: display.utc)
            var table = Table(["seq", "subject", "signed at", "signer", "protocol", "result"])
            for check in view.jsonValue["signatures"]?.arrayValue ?? [] {
                table.append([
                    String(check["seq"]?.integerValue ?? 0), check["subject"]?.stringValue ?? "",
                    time.show(check["at"]?.stringValue), check["signer"]?["name"]?.stringValue ?? "",
                    "v" + (check["protocolVersion"]?.stringValue ?? ""),
                    check["matches"]?.boolValue == true ? "matches" : "MISMATCH (recomputed \(check["recomputed"]?.stringValue ?? "nothing"))",
                ])
            }
            print(table.rendered)
            print(view.allMatch ? "Every signature matches the evaluation recomputed from the log." : "Some signatures do not match.")
        }
        if !view.allMatch { throw ExitCode(1) }
    }
}
