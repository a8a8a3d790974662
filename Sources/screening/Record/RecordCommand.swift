import ArgumentParser
import EventLog
import ScreeningApp

/// `screening record ...`: screening writes from the command line, through the same commands and
/// validation as HTTP, as an authenticated user (login, perform, logout - all logged).
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record screening data as an authenticated user (same commands and checks as the HTTP API).",
        subcommands: [
            RegisterSubcommand.self, ConsentSubcommand.self, WithdrawConsentSubcommand.self, AssessSubcommand.self,
            AttestSubcommand.self, CorrectSubcommand.self, SignSubcommand.self, EnrolSubcommand.self,
            ScreenFailSubcommand.self, WithdrawSubcommand.self, ReviewSubcommand.self, RegisterProtocolSubcommand.self,
        ])
}

/// Performs one request as `user` and prints the outcome.
enum RecordRunner {
    static func perform(
        _ request: CommandRequest, store: StoreOptions, user: UserOptions, json: Bool
    ) async throws {
        let outcome = try await ServiceAccess.writing(store, as: user) { service, session, _ throws(AppError) in
            try await service.perform(request, by: session.user, via: .cli, idempotencyKey: user.idempotencyKey)
        }
        print(outcome: outcome, json: json)
    }

    static func print(outcome: CommandOutcome, json: Bool) {
        if json { return JSONPrinter.print(outcome.jsonValue) }
        for entry in outcome.recorded {
            Swift.print("\(outcome.replayed ? "already recorded" : "recorded") seq \(entry.seq) \(entry.type)"
                + (entry.subject.map { " (\($0))" } ?? ""))
        }
    }

    /// The observed value from exactly one of the value options.
    static func value(number: String?, code: String?, yes: Bool, no: Bool, date: String?) throws -> JSONValue {
        var values: [JSONValue] = []
        if let number { values.append(["number": .string(number)]) }
        if let code { values.append(["code": .string(code)]) }
        if yes { values.append(["yesNo": true]) }
        if no { values.append(["yesNo": false]) }
        if let date { values.append(["date": .string(date)]) }
        guard values.count == 1 else { throw ValidationError("Give exactly one of --number, --code, --yes, --no, --date.") }
        return values[0]
    }
}

/// The value of an assessment, attestation or correction.
struct FindingOptions: ParsableArguments {
    @Option(help: "The protocol input id, e.g. ast, ecog, serum_pregnancy_test.")
    var input: String

    @Option(help: "A number, e.g. 41.5.") var number: String?
    @Option(help: "A code, e.g. negative.") var code: String?
    @Flag(help: "Yes.") var yes = false
    @Flag(help: "No.") var no = false
    @Option(help: "A date, YYYY-MM-DD.") var date: String?
    @Option(help: "The unit, e.g. U/L.") var unit: String?
    @Option(help: "The laboratory's upper limit of normal, same unit.") var uln: String?
    @Option(name: .customLong("observed-on"), help: "The date observed or sampled, YYYY-MM-DD.") var observedOn: String?
    @Option(help: "The method, e.g. measured-24h-urine or cockcroft-gault.") var method: String?
    @Option(help: "The source document, e.g. 'biochemistry panel'.") var source: String?

    func body() throws -> [String: JSONValue] {
        var body: [String: JSONValue] = [
            "input": .string(input),
            "value": try RecordRunner.value(number: number, code: code, yes: yes, no: no, date: date),
        ]
        if let unit { body["unit"] = .string(unit) }
        if let uln { body["uln"] = .string(uln) }
        if let observedOn { body["observedOn"] = .string(observedOn) }
        if let method { body["method"] = .string(method) }
        if let source { body["sourceDocument"] = .string(source) }
        return body
    }
}
