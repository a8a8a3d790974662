import ArgumentParser
import ScreeningApp

/// `screening init`: a new store with its signing key, the first admin and the bundled protocol.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a store: signing key, log.created, the first admin, and the bundled protocol definition.")

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("admin-id"), help: "The first admin's user id (a-z 0-9 . _ -).")
    var adminID = "admin"

    @Option(name: .customLong("admin-name"), help: "The first admin's printed name.")
    var adminName: String

    @Option(help: "The log's origin line in signed checkpoints (default: screening.local/<store name>-<random suffix>, unique per store).")
    var origin: String?

    @Flag(name: .customLong("password-stdin"), help: "Read the admin's password from standard input.")
    var passwordStdin = false

    func run() async throws {
        let password = try Terminal.password(prompt: "New password for \(adminID): ", fromStandardInput: passwordStdin)
        var configuration = try store.configuration()
        configuration.origin = origin ?? StoreOptions.uniqueOrigin(for: configuration.storeDirectory)
        do {
            let service = try await ScreeningService.create(
                configuration, admin: NewAccount(id: adminID, name: adminName, role: .admin), password: password)
            let size = service.logSize
            let key = service.verifierKeyText
            await service.close()
            print("Created store \(configuration.storeDirectory.path) (\(size) entries).")
            print("Secrets (signing key, password hashes): \(configuration.secretsDirectory.path)")
            print("Origin: \(configuration.origin)")
            print("Verifier key (public; give it to auditors out of band, they pin it with verify --key): \(key)")
            print("First admin: \(adminID) (\(adminName)). Next: screening users create --user \(adminID) ...")
        } catch {
            throw Terminal.report(error)
        }
    }
}
