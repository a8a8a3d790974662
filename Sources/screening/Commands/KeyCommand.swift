import ArgumentParser
import ScreeningApp

/// `screening key`: prints the log's verifier key (public) from `log.created`, for auditors to pin.
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Print the log's verifier key (public) for auditors to pin with verify --key.",
        discussion: """
            The key is read from the store's log.created entry. An auditor should obtain it out of band \
            (from the site, when the store is created), not from the copy of the store being verified.
            """)

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let key = try await ServiceAccess.reading(store) { service throws(AppError) in service.verifierKeyText }
        print(key)
    }
}
