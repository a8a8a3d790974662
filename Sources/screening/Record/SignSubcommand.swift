import ArgumentParser
import EventLog
import ScreeningApp

/// `screening record sign`: shows exactly what is signed (each criterion with its evidence, the
/// overall result, the protocol version, the evaluation's SHA-256 and the meaning), asks for
/// confirmation, then for the signer's password, and signs that evaluation.
struct SignSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a subject's eligibility: shows the evaluation and the meaning, asks for confirmation, then signs exactly that evaluation.",
        discussion: "Type 'yes' to confirm (or pass --yes in scripts); then the password is asked (or read with --password-stdin).")
    @Argument(help: "The subject's screening number, e.g. S-001.") var subject: String
    @Option(name: .customLong("evaluation-sha256"), help: "The evaluation reviewed (default: the one shown now).")
    var evaluationSHA256: String?
    @Flag(help: "Confirm without asking (for scripts); the evaluation is still printed.") var yes = false
    @Flag(help: "Print the outcome as JSON.") var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let shown = SignedEvaluation()
        let outcome = try await ServiceAccess.writing(store, as: user, beforePassword: { service in
            try await review(service, into: shown)
        }) { service, session, password throws(AppError) in
            var body: [String: JSONValue] = ["evaluationSHA256": .string(shown.hash), "password": .string(password)]
            body["meaning"] = .string(shown.meaning)
            return try await service.perform(
                CommandRequest(.signEligibility, target: subject, body: .object(body)), by: session.user, via: .cli,
                idempotencyKey: user.idempotencyKey)
        }
        RecordRunner.print(outcome: outcome, json: json)
    }

    /// Prints the evaluation and the meaning, refuses an evaluation that is not eligible, and asks
    /// for confirmation; nothing is signed unless this returns.
    private func review(_ service: ScreeningService, into shown: SignedEvaluation) async throws {
        let status = try await service.subjectStatus(subject)
        let view = status.jsonValue
        guard let hash = status.evaluationSHA256, let meaning = view["signatureMeaning"]?.stringValue else {
            throw refuse("Not signed: \(subject) has no evaluation to sign.")
        }
        let overall = view["overall"]?["status"]?.stringValue ?? "unknown"
        guard overall == "eligible" else {
            show(StatusRendering.text(view, time: TimeDisplay(site: service.configuration.site, utc: false)))
            throw refuse(
                "Not signed: the evaluation of \(subject) is \(overall), not eligible; only an eligible evaluation can be signed.")
        }
        if let evaluationSHA256, evaluationSHA256 != hash {
            throw refuse(
                "Not signed: the evaluation you reviewed (\(evaluationSHA256)) is no longer the current one (\(hash)); review it again.")
        }
        let protocolInfo = view["protocol"]
        var lines = [
            "You are about to sign the eligibility of \(subject) as \(user.user).",
            "Protocol: \(protocolInfo?["protocolID"]?.stringValue ?? "") v\(protocolInfo?["version"]?.stringValue ?? "")",
            "Overall: \(overall)",
            "Evaluation SHA-256: \(hash)",
            "",
        ]
        var table = Table(["criterion", "kind", "outcome", "evidence"])
        for criterion in view["evaluation"]?["criteria"]?.arrayValue ?? [] {
            StatusRendering.appendCriterion(criterion, depth: 0, to: &table)
        }
        lines.append(table.rendered)
        lines.append("Meaning: \(meaning)")
        show(lines.joined(separator: "\n"))
        if !yes {
            Terminal.error("Type yes to sign this evaluation with this meaning: ")
            guard Terminal.readStandardInputLine()?.lowercased() == "yes" else {
                throw refuse("Not signed: not confirmed.")
            }
        }
        shown.hash = hash
        shown.meaning = meaning
    }
}

extension SignSubcommand {
    /// The review goes to standard output, or to standard error with `--json` (which keeps
    /// standard output for the outcome).
    /// Reports a refusal on standard error and returns the exit code (1) to throw.
    private func refuse(_ message: String) -> ExitCode {
        Terminal.error("screening: \(message)")
        return ExitCode(1)
    }

    private func show(_ text: String) {
        if json { Terminal.error(text) } else { print(text) }
    }
}

/// What the signer was shown and confirmed (set before the password is asked).
private final class SignedEvaluation: @unchecked Sendable {
    var hash = ""
    var meaning = ""
}
