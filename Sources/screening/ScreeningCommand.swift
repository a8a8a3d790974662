import ArgumentParser

/// The `screening` command line: the composition root for the application layer.
@main
struct ScreeningCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screening",
        abstract: "Clinical-trial eligibility screening on a tamper-evident event log."
    )
}
