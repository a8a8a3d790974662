import EventLog

extension ScreeningService {
    /// Changes `userID`'s password to `newPassword` after checking `currentPassword`; the new
    /// password counts as the holder's own. Logs `user.password_changed` (no hash) and ends every
    /// session of the account, so the holder logs in again with the new password.
    ///
    /// This is the only thing a holder of a temporary (admin-set) password may do. A wrong
    /// `currentPassword` is logged as `user.login_failed` and counts toward lockout.
    /// Errors: `unauthenticated` (`auth.bad_credentials`, `auth.inactive`), `invalid`
    /// (`password.too_short`, `password.unchanged`, field `newPassword`).
    public func changePassword(
        userID: String, currentPassword: String, newPassword: String, via: Interface
    ) async throws(AppError) {
        guard let account = state.withLock({ $0.accounts[userID] }) else {
            throw .unauthenticated("auth.bad_credentials", "unknown user id or wrong password")
        }
        guard account.active, !account.locked else {
            throw .unauthenticated("auth.inactive", "the account is deactivated or locked")
        }
        try await checkPassword(currentPassword, of: account, cause: "bad_current_password", via: via)
        try Self.validatePassword(newPassword, field: "newPassword")
        guard newPassword != currentPassword else {
            throw .invalid("password.unchanged", field: "newPassword", "the new password must differ from the current one")
        }
        let hash = PasswordHash.derive(password: newPassword, iterations: configuration.passwordIterations, setBy: .user)
        let credentials = self.credentials
        _ = try await commit({ state, _ throws(AppError) in
            let current = try Self.currentAccount(account.user, in: state)
            let changed = EventDraft(
                type: AccountEvent.passwordChanged,
                actor: Actor(id: current.id, name: current.name, role: current.role.rawValue),
                data: ["userID": .string(current.id)])
            return Decision(drafts: Self.stamp([changed], via: via, request: nil), result: ())
        }, afterStage: { (seq: Int64) throws(AppError) in try credentials.store(hash, for: userID, seq: seq) })
        sessions.removeAll(for: userID)
        logger.info("password changed", metadata: ["user": "\(userID)"])
    }

    /// Throws `forbidden` (`password.change_required`) while `userID`'s password is one an
    /// administrator set: such a session may only change the password (or log out).
    func requireOwnPassword(_ userID: String) throws(AppError) {
        guard credentials.hash(for: userID)?.isOwn == true else {
            throw .forbidden(
                "password.change_required",
                "your password was set by an administrator: change it first (POST /v1/password or `screening users passwd`)")
        }
    }

    /// Checks `password` against `account`'s stored verifier; a mismatch is logged as
    /// `user.login_failed` with `cause` (and `user.locked` at the limit) and thrown.
    func checkPassword(_ password: String, of account: Account, cause: String, via: Interface) async throws(AppError) {
        if let stored = credentials.hash(for: account.id), stored.matches(password) { return }
        let maxFailures = configuration.maxFailedLogins
        _ = try await commit { state, _ throws(AppError) in
            let failures = (state.accounts[account.id]?.consecutiveFailures ?? 0) + 1
            var drafts = [EventDraft(
                type: AccountEvent.loginFailed, actor: .service,
                data: ["userID": .string(account.id), "cause": .string(cause), "consecutiveFailures": .integer(Int64(failures))])]
            if failures >= maxFailures, state.accounts[account.id]?.locked == false {
                drafts.append(EventDraft(
                    type: AccountEvent.locked, actor: .service,
                    data: ["userID": .string(account.id), "cause": "failed_logins", "consecutiveFailures": .integer(Int64(failures))]))
            }
            return Decision(drafts: Self.stamp(drafts, via: via, request: nil), result: ())
        }
        throw .unauthenticated("auth.bad_credentials", "wrong password")
    }
}
