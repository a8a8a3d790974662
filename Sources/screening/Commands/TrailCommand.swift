import ArgumentParser
import EventLog
import ScreeningApp

/// `screening trail`: the audit trail over the whole log, filtered and paged.
///
/// A read like the others (read-only, works while `serve` runs). A CSV is an export: with
/// `--record-as USER` the CLI logs that user in, checks their role may read the trail, records an
/// `export.performed` entry (via cli, with the SHA-256 of the CSV) and only then prints it; this
/// needs the store's writer, so not while `serve` runs (use `GET /v1/audit-trail?format=csv`).
/// Without `--record-as`, the CSV is printed and a note on standard error says it was not recorded.
struct TrailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trail",
        abstract: "Show the audit trail of the whole log: who did what, when, from where (accounts, logins, exports, subjects).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Option(help: "Only entries by this user id (`system` for failed logins and locks).")
    var user: String?

    @Option(help: "Only this event type, or a prefix ending in '.', e.g. user.")
    var type: String?

    @Option(help: "Only entries about this screening number.")
    var subject: String?

    @Option(help: "From this site-local date (start of day) or RFC 3339 instant, inclusive.")
    var from: String?

    @Option(help: "To this site-local date (end of day) or RFC 3339 instant, inclusive.")
    var to: String?

    @Option(name: .customLong("from-seq"), help: "Start at this seq (the next page's cursor).")
    var fromSeq: Int64 = 0

    @Option(help: "At most this many entries (1...5000).")
    var limit: Int = AuditTrailQuery.defaultLimit

    @Option(help: "table, csv or json (--json is json).")
    var format: Format = .table

    @Option(name: .customLong("record-as"), help: "Record a CSV export as done by this user (logs in; needs the store's writer).")
    var recordAs: String?

    @Flag(name: .customLong("password-stdin"), help: "Read the --record-as password from standard input.")
    var passwordStdin = false

    @OptionGroup var display: DisplayOptions
    @OptionGroup var store: StoreOptions

    var query: AuditTrailQuery {
        AuditTrailQuery(user: user, type: type, subject: subject, from: from, to: to, fromSeq: fromSeq, limit: limit)
    }

    func validate() throws {
        if recordAs != nil && format != .csv { throw ValidationError("--record-as records CSV exports; add --format csv.") }
    }

    func run() async throws {
        let format: Format = display.json ? .json : self.format
        if format == .csv, let recordAs {
            return print(try await recordedCSV(as: recordAs), terminator: "")
        }
        let query = query
        let view = try await ServiceAccess.reading(store) { service throws(AppError) in try await service.auditTrail(query) }
        switch format {
        case .csv:
            print(view.csv, terminator: "")
            Terminal.error(
                "screening: note: this export was not recorded in the log; use --record-as USER (needs the store's writer) "
                    + "or, while serve runs, GET /v1/audit-trail?format=csv")
        case .json: JSONPrinter.print(view.jsonValue)
        case .table: print(try table(view), terminator: "")
        }
    }

    /// Logs `userID` in, reads the trail as them, records the export, logs out; returns the CSV.
    private func recordedCSV(as userID: String) async throws -> String {
        let password = try Terminal.password(prompt: "Password for \(userID): ", fromStandardInput: passwordStdin)
        let configuration = try store.configuration()
        let query = query
        do throws(AppError) {
            let service = try await ScreeningService.open(configuration)
            do throws(AppError) {
                let session = try await service.login(userID: userID, password: password, via: .cli)
                let csv: String
                do throws(AppError) {
                    let view = try await service.auditTrail(query, by: session.user)
                    csv = view.csv
                    var parameters = view.filters
                    parameters["fromSeq"] = String(query.fromSeq)
                    parameters["limit"] = String(query.limit)
                    try await service.recordExport(
                        ExportRecord(what: "audit-trail", format: "csv", parameters: parameters,
                                     rowCount: view.entries.count, bytes: Array(csv.utf8)),
                        by: session.user, via: .cli)
                } catch {
                    try? await service.logout(token: session.token, via: .cli)
                    throw error
                }
                try await service.logout(token: session.token, via: .cli)
                await service.close()
                return csv
            } catch {
                await service.close()
                throw error
            }
        } catch {
            throw Terminal.report(error)
        }
    }

    private func table(_ view: AuditTrailView) throws -> String {
        let time = TimeDisplay(site: try store.configuration().site, utc: display.utc)
        var table = Table(["seq", "when", "type", "who", "subject", "via", "what", "why"])
        for entry in view.entries {
            table.append([
                String(entry.seq), time.show(entry.atUTC), entry.type,
                "\(entry.actor.name) (\(entry.actor.id), \(entry.actor.role))", entry.subject ?? "", entry.via ?? "",
                entry.summary, entry.reason ?? "",
            ])
        }
        var text = table.rendered
        if let next = view.nextSeq { text += "more: --from-seq \(next)\n" }
        return text
    }
}
