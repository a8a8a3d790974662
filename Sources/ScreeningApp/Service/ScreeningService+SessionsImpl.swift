import EventLog
import LogCrypto

extension ScreeningService {
    private enum LoginResult: Sendable {
        case success(Account)
        case failure(AppError)
    }

    func performLogin(userID: String, password: String, via: Interface) async throws(AppError) -> Session {
        // The expensive hash runs outside every lock; unknown ids cost the same time.
        let stored = credentials.hash(for: userID)
        let matches: Bool
        if let stored {
            matches = stored.matches(password)
        } else {
            _ = PasswordHash.derive(password: password, iterations: configuration.passwordIterations, setBy: .user)
            matches = false
        }
        let maxFailures = configuration.maxFailedLogins
        let badCredentials = AppError.unauthenticated("auth.bad_credentials", "unknown user id or wrong password")
        let (result, entries) = try await commit { state, _ throws(AppError) -> Decision<LoginResult> in
            let recordedID: JSONValue = AccountEvent.isValidUserID(userID) ? .string(userID) : "(invalid id)"
            guard let account = state.accounts[userID] else {
                let failed = EventDraft(
                    type: AccountEvent.loginFailed, actor: .service,
                    data: ["userID": recordedID, "cause": "unknown_user"])
                return Decision(drafts: Self.stamp([failed], via: via, request: nil), result: .failure(badCredentials))
            }
            func failure(_ cause: String, _ error: AppError) -> Decision<LoginResult> {
                var drafts = [EventDraft(
                    type: AccountEvent.loginFailed, actor: .service,
                    data: ["userID": .string(userID), "cause": .string(cause),
                           "consecutiveFailures": .integer(Int64(account.consecutiveFailures + 1))])]
                if !account.locked && account.active && account.consecutiveFailures + 1 >= maxFailures {
                    drafts.append(EventDraft(
                        type: AccountEvent.locked, actor: .service,
                        data: ["userID": .string(userID), "cause": "failed_logins",
                               "consecutiveFailures": .integer(Int64(account.consecutiveFailures + 1))]))
                }
                return Decision(drafts: Self.stamp(drafts, via: via, request: nil), result: .failure(error))
            }
            if !matches || stored == nil { return failure("bad_password", badCredentials) }
            if !account.active {
                return failure("inactive", .unauthenticated("auth.inactive", "this account is deactivated"))
            }
            if account.locked {
                return failure("locked", .unauthenticated("auth.locked", "this account is locked; an admin must unlock it"))
            }
            let login = EventDraft(
                type: AccountEvent.login, actor: Actor(id: account.id, name: account.name, role: account.role.rawValue),
                data: ["userID": .string(account.id)])
            return Decision(drafts: Self.stamp([login], via: via, request: nil), result: .success(account))
        }
        switch result {
        case .failure(let error):
            logger.notice("login refused", metadata: ["code": "\(error.code)", "seq": "\(entries.last?.seq ?? 0)"])
            throw error
        case .success(let account):
            let token = SessionTable.newToken()
            let expiresAt = Timestamp(
                microsecondsSinceEpoch: configuration.now().microsecondsSinceEpoch
                    + Self.microseconds(configuration.tokenLifetime))
            sessions.insert(token: token, record: .init(userID: account.id, expiresAt: expiresAt))
            logger.info("login", metadata: ["user": "\(account.id)", "seq": "\(entries.last?.seq ?? 0)"])
            return Session(
                token: token, expiresAt: expiresAt, user: account.user,
                passwordChangeRequired: credentials.hash(for: account.id)?.isOwn != true)
        }
    }

    func authenticateToken(_ token: String, allowingTemporaryPassword: Bool = false) throws(AppError) -> AuthenticatedUser {
        let invalid = AppError.unauthenticated("auth.token_invalid", "the token is unknown, expired or revoked")
        guard let record = sessions.record(for: token, now: configuration.now()) else { throw invalid }
        guard let account = state.withLock({ $0.accounts[record.userID] }), account.active, !account.locked else {
            sessions.remove(token: token)
            throw invalid
        }
        if !allowingTemporaryPassword { try requireOwnPassword(account.id) }
        return account.user
    }

    func performLogout(token: String, via: Interface) async throws(AppError) {
        let user = try authenticateToken(token, allowingTemporaryPassword: true)
        sessions.remove(token: token)
        _ = try await commit { _, _ throws(AppError) in
            let logout = EventDraft(
                type: AccountEvent.logout, actor: Actor(id: user.id, name: user.name, role: user.role.rawValue),
                data: ["userID": .string(user.id)])
            return Decision(drafts: Self.stamp([logout], via: via, request: nil), result: ())
        }
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
