import ArgumentParser
import ScreeningApp

/// `screening users passwd --user ID`: the holder changes their own password (current, then new).
/// Required after an admin created the account or reset its password; logged as `user.password_changed`.
struct UsersPasswd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Change your own password (needed after an admin set it).",
        discussion: "With --password-stdin, reads two lines: the current password, then the new one.")
    @Option(help: "Your user id.") var user: String
    @Flag(name: .customLong("password-stdin"), help: "Read the current and the new password from standard input, one per line.")
    var passwordStdin = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let current = try Terminal.password(prompt: "Current password for \(user): ", fromStandardInput: passwordStdin)
        let new = try Terminal.password(prompt: "New password: ", fromStandardInput: passwordStdin)
        if !passwordStdin {
            let again = try Terminal.password(prompt: "New password again: ", fromStandardInput: false)
            guard again == new else { throw ValidationError("The two new passwords differ; nothing was changed.") }
        }
        let configuration = try store.configuration()
        do throws(AppError) {
            let service = try await ScreeningService.open(configuration)
            do throws(AppError) {
                try await service.changePassword(userID: user, currentPassword: current, newPassword: new, via: .cli)
            } catch {
                await service.close()
                throw error
            }
            await service.close()
        } catch {
            throw Terminal.report(error)
        }
        print("Password changed for \(user). Every session of this account has ended; log in with the new password.")
    }
}
