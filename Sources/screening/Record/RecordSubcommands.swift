import ArgumentParser
import EventLog
import ScreeningApp

struct RegisterSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "register", abstract: "Register a subject for screening.")
    @Option(name: .customLong("screening-number")) var screeningNumber: String
    @Option(name: .customLong("screening-date"), help: "YYYY-MM-DD") var screeningDate: String
    @Option(name: .customLong("date-of-birth"), help: "YYYY-MM-DD") var dateOfBirth: String?
    @Option(help: "male or female") var sex: String?
    @Flag(help: "Print the outcome as JSON.") var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        var body: [String: JSONValue] = ["screeningNumber": .string(screeningNumber), "screeningDate": .string(screeningDate)]
        if let dateOfBirth { body["dateOfBirth"] = .string(dateOfBirth) }
        if let sex { body["sex"] = .string(sex) }
        try await RecordRunner.perform(CommandRequest(.register, body: .object(body)), store: store, user: user, json: json)
    }
}

struct ConsentSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "consent", abstract: "Record informed consent.")
    @Argument(help: "The subject's screening number, e.g. S-001.") var subject: String
    @Option(name: .customLong("form-version")) var formVersion: String
    @Option(name: .customLong("date-signed"), help: "YYYY-MM-DD") var dateSigned: String
    @Flag(help: "Print the outcome as JSON.") var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let body: JSONValue = ["formVersion": .string(formVersion), "dateSigned": .string(dateSigned)]
        try await RecordRunner.perform(CommandRequest(.consent, target: subject, body: body), store: store, user: user, json: json)
    }
}

struct WithdrawConsentSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "withdraw-consent", abstract: "Record that consent was withdrawn.")
    @Argument(help: "The subject's screening number, e.g. S-001.") var subject: String
    @Option(name: .customLong("date"), help: "YYYY-MM-DD") var date: String
    @Option var reason: String?
    @Flag(help: "Print the outcome as JSON.") var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        var body: [String: JSONValue] = ["dateWithdrawn": .string(date)]
        if let reason { body["reason"] = .string(reason) }
        try await RecordRunner.perform(
            CommandRequest(.withdrawConsent, target: subject, body: .object(body)), store: store, user: user, json: json)
    }
}

struct AssessSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assess", abstract: "Record an assessment of one protocol input.")
    @Argument(help: "The subject's screening number, e.g. S-001.") var subject: String
    @OptionGroup var finding: FindingOptions
    @Flag(help: "Print the outcome as JSON.") var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await RecordRunner.perform(
            CommandRequest(.assessment, target: subject, body: .object(try finding.body())), store: store, user: user, json: json)
    }
}

struct AttestSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attest", abstract: "Record an investigator attestation (clinical judgement).")
    @Argument(help: "The subject's screening number, e.g. S-001.") var subject: String
    @OptionGroup var finding: FindingOptions
    @Flag(help: "Print the outcome as JSON.") var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await RecordRunner.perform(
            CommandRequest(.attestation, target: subject, body: .object(try finding.body())), store: store, user: user, json: json)
    }
}

struct CorrectSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "correct", abstract: "Correct an earlier assessment, with a reason.")
    @Argument(help: "The subject's screening number, e.g. S-001.") var subject: String
    @Option(help: "The seq of the assessment this corrects.") var supersedes: Int64
    @Option(help: "Why the value changes (required).") var reason: String
    @OptionGroup var finding: FindingOptions
    @Flag(help: "Print the outcome as JSON.") var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        var body = try finding.body()
        body["supersedes"] = .integer(supersedes)
        body["reason"] = .string(reason)
        try await RecordRunner.perform(
            CommandRequest(.correction, target: subject, body: .object(body)), store: store, user: user, json: json)
    }
}

struct EnrolSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enrol", abstract: "Enrol an eligible, signed, consented subject.")
    @Argument(help: "The subject's screening number, e.g. S-001.") var subject: String
    @Flag(help: "Print the outcome as JSON.") var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await RecordRunner.perform(CommandRequest(.enrol, target: subject), store: store, user: user, json: json)
    }
}

struct ScreenFailSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "screen-fail", abstract: "End screening without enrolment.")
    @Argument(help: "The subject's screening number, e.g. S-001.") var subject: String
    @Option(help: "criteria, declined or other") var category: String
    @Option(help: "Failing criterion ids, comma-separated (criteria only).") var criteria: String?
    @Option(help: "Explanation (required for other).") var text: String?
    @Flag(help: "Print the outcome as JSON.") var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        var body: [String: JSONValue] = ["category": .string(category)]
        if let criteria { body["criteria"] = .array(criteria.split(separator: ",").map { .string(String($0)) }) }
        if let text { body["text"] = .string(text) }
        try await RecordRunner.perform(
            CommandRequest(.screenFail, target: subject, body: .object(body)), store: store, user: user, json: json)
    }
}

struct WithdrawSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "Withdraw a subject.")
    @Argument(help: "The subject's screening number, e.g. S-001.") var subject: String
    @Option(name: .customLong("initiated-by"), help: "subject or site") var initiatedBy: String
    @Option var reason: String?
    @Flag(help: "Print the outcome as JSON.") var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        var body: [String: JSONValue] = ["initiatedBy": .string(initiatedBy)]
        if let reason { body["reason"] = .string(reason) }
        try await RecordRunner.perform(
            CommandRequest(.withdraw, target: subject, body: .object(body)), store: store, user: user, json: json)
    }
}

struct ReviewSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "review", abstract: "Record that you reviewed a subject's audit trail (monitor).")
    @Argument(help: "The subject's screening number, e.g. S-001.") var subject: String
    @Option(name: .customLong("through-seq")) var throughSeq: Int64?
    @Option var comment: String?
    @Flag(help: "Print the outcome as JSON.") var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        var body: [String: JSONValue] = [:]
        if let throughSeq { body["throughSeq"] = .integer(throughSeq) }
        if let comment { body["comment"] = .string(comment) }
        try await RecordRunner.perform(
            CommandRequest(.auditReviewed, target: subject, body: .object(body)), store: store, user: user, json: json)
    }
}

struct RegisterProtocolSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "register-protocol", abstract: "Register a bundled protocol version (an amendment).")
    @Option(help: "The bundled definition's name, e.g. NCT05827835-v1.1.") var bundled: String
    @Flag(help: "Print the outcome as JSON.") var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await RecordRunner.perform(
            CommandRequest(.registerProtocol, body: ["bundled": .string(bundled)]), store: store, user: user, json: json)
    }
}
