import ArgumentParser
import ScreeningApp

/// Opening the service for a command, and turning application errors into exit codes.
enum ServiceAccess {
    /// Runs `body` on a read-only service (works while `screening serve` holds the store).
    static func reading<R>(
        _ options: StoreOptions, _ body: (ScreeningService) async throws(AppError) -> R
    ) async throws -> R {
        let configuration = try options.configuration()
        do throws(AppError) {
            let service = try await ScreeningService.openReadOnly(configuration)
            return try await body(service)
        } catch {
            throw Terminal.report(error)
        }
    }

    /// Opens the store for writing, logs `user` in (password from the prompt or standard input),
    /// runs `body`, and logs out, all recorded with `via: cli`.
    static func writing<R>(
        _ options: StoreOptions, as user: UserOptions,
        _ body: (ScreeningService, Session, String) async throws(AppError) -> R
    ) async throws -> R {
        let password = try Terminal.password(prompt: "Password for \(user.user): ", fromStandardInput: user.passwordStdin)
        let configuration = try options.configuration()
        let service: ScreeningService
        do throws(AppError) {
            service = try await ScreeningService.open(configuration)
        } catch {
            throw Terminal.report(error)
        }
        do throws(AppError) {
            let session = try await service.login(userID: user.user, password: password, via: .cli)
            let result: R
            do {
                result = try await body(service, session, password)
            } catch {
                try? await service.logout(token: session.token, via: .cli)
                throw error
            }
            try await service.logout(token: session.token, via: .cli)
            await service.close()
            return result
        } catch {
            await service.close()
            throw Terminal.report(error)
        }
    }
}
