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
    ///
    /// `beforePassword` runs on the open service before the password is asked (the signature
    /// shows what is signed and asks for confirmation there); if it throws, nothing is written.
    static func writing<R>(
        _ options: StoreOptions, as user: UserOptions,
        beforePassword: ((ScreeningService) async throws -> Void)? = nil,
        _ body: (ScreeningService, Session, String) async throws(AppError) -> R
    ) async throws -> R {
        let configuration = try options.configuration()
        if beforePassword == nil {
            // Ask before opening, so a wrong terminal setup fails before the store is touched.
            return try await loggedIn(
                configuration, as: user,
                password: try Terminal.password(prompt: "Password for \(user.user): ", fromStandardInput: user.passwordStdin),
                body)
        }
        return try await loggedIn(configuration, as: user, password: nil, beforePassword: beforePassword, body)
    }

    private static func loggedIn<R>(
        _ configuration: AppConfiguration, as user: UserOptions, password given: String?,
        beforePassword: ((ScreeningService) async throws -> Void)? = nil,
        _ body: (ScreeningService, Session, String) async throws(AppError) -> R
    ) async throws -> R {
        let service: ScreeningService
        do throws(AppError) {
            service = try await ScreeningService.open(configuration)
        } catch {
            throw Terminal.report(error)
        }
        let password: String
        do {
            try await beforePassword?(service)
            password = try given ?? Terminal.password(prompt: "Password for \(user.user): ", fromStandardInput: user.passwordStdin)
        } catch let error as AppError {
            await service.close()
            throw Terminal.report(error)
        } catch {
            await service.close()
            throw error
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
