import EventLog

extension ScreeningService {
    /// Checks `password` for `userID` and, if it matches an active, unlocked account, starts a
    /// session. Logs `user.login` or `user.login_failed` (and `user.locked` after
    /// `maxFailedLogins` failures in a row). Errors: `unauthenticated` (`auth.bad_credentials`,
    /// `auth.locked`, `auth.inactive`).
    public func login(userID: String, password: String, via: Interface) async throws(AppError) -> Session {
        try await performLogin(userID: userID, password: password, via: via)
    }

    /// The user a live token belongs to (current name and role). Errors: `unauthenticated`
    /// (`auth.token_invalid` for unknown, expired or revoked tokens, or an inactive or locked
    /// account); `forbidden` (`password.change_required`) while the account's password is one an
    /// administrator set, unless `allowingTemporaryPassword` (only for changing the password).
    public func authenticate(token: String, allowingTemporaryPassword: Bool = false) throws(AppError) -> AuthenticatedUser {
        try authenticateToken(token, allowingTemporaryPassword: allowingTemporaryPassword)
    }

    /// Revokes `token` and logs `user.logout`. Errors: `unauthenticated` if the token is not live.
    public func logout(token: String, via: Interface) async throws(AppError) {
        try await performLogout(token: token, via: via)
    }

    /// Every account (never credentials), sorted by id.
    public func accounts() -> [AccountView] {
        state.withLock { $0.accounts.all.map(\.view) }
    }
}
