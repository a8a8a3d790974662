import ArgumentParser
import EventLog
import ScreeningApp

/// `screening users ...`: account administration (admin), each change an event in the log.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage accounts (admin): create, role, deactivate, reset-password, unlock, list; passwd (your own).",
        subcommands: [
            UsersList.self, UsersPasswd.self, UsersCreate.self, UsersRole.self, UsersDeactivate.self, UsersResetPassword.self, UsersUnlock.self,
        ])
}

struct UsersList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List accounts (never credentials).")
    @Flag var json = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let accounts = try await ServiceAccess.reading(store) { service throws(AppError) in service.accounts() }
        if json { return JSONPrinter.print(.array(accounts.map(\.jsonValue))) }
        var table = Table(["user", "name", "role", "active", "locked"])
        for account in accounts {
            table.append([account.id, account.name, account.role.rawValue, account.active ? "yes" : "no", account.locked ? "yes" : "no"])
        }
        print(table.rendered, terminator: "")
    }
}

struct UsersCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an account.")
    @Option var id: String
    @Option var name: String
    @Option(help: "coordinator, investigator, monitor or admin") var role: String
    @Option var reason: String?
    @Flag var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let outcome = try await ServiceAccess.writing(store, as: user) { service, session, _ throws(AppError) in
            let password: String
            do {
                password = try Terminal.password(prompt: "Password for the new account \(id): ", fromStandardInput: user.passwordStdin)
            } catch {
                throw AppError.malformed("password.missing", field: "password", "no password for the new account")
            }
            var body: [String: JSONValue] = ["id": .string(id), "name": .string(name), "role": .string(role), "password": .string(password)]
            if let reason { body["reason"] = .string(reason) }
            return try await service.perform(
                CommandRequest(.createUser, body: .object(body)), by: session.user, via: .cli, idempotencyKey: user.idempotencyKey)
        }
        RecordRunner.print(outcome: outcome, json: json)
    }
}

struct UsersRole: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "role", abstract: "Change an account's role.")
    @Argument var id: String
    @Option var role: String
    @Option var reason: String?
    @Flag var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        var body: [String: JSONValue] = ["role": .string(role)]
        if let reason { body["reason"] = .string(reason) }
        try await RecordRunner.perform(CommandRequest(.changeRole, target: id, body: .object(body)), store: store, user: user, json: json)
    }
}

struct UsersDeactivate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deactivate", abstract: "Deactivate an account (its id is never reused).")
    @Argument var id: String
    @Option var reason: String?
    @Flag var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let body: JSONValue = reason.map { ["reason": .string($0)] } ?? [:]
        try await RecordRunner.perform(CommandRequest(.deactivateUser, target: id, body: body), store: store, user: user, json: json)
    }
}

struct UsersResetPassword: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "Set a temporary password for an account (its holder must change it).")
    @Argument var id: String
    @Option var reason: String?
    @Flag var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let outcome = try await ServiceAccess.writing(store, as: user) { service, session, _ throws(AppError) in
            let password: String
            do {
                password = try Terminal.password(prompt: "New password for \(id): ", fromStandardInput: user.passwordStdin)
            } catch {
                throw AppError.malformed("password.missing", field: "password", "no new password given")
            }
            var body: [String: JSONValue] = ["password": .string(password)]
            if let reason { body["reason"] = .string(reason) }
            return try await service.perform(
                CommandRequest(.resetPassword, target: id, body: .object(body)), by: session.user, via: .cli,
                idempotencyKey: user.idempotencyKey)
        }
        RecordRunner.print(outcome: outcome, json: json)
    }
}

struct UsersUnlock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Unlock an account locked by failed logins.")
    @Argument var id: String
    @Option var reason: String?
    @Flag var json = false
    @OptionGroup var user: UserOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let body: JSONValue = reason.map { ["reason": .string($0)] } ?? [:]
        try await RecordRunner.perform(CommandRequest(.unlockUser, target: id, body: body), store: store, user: user, json: json)
    }
}
