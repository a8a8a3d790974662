import EventLog
public import LogCrypto

extension ScreeningService {
    /// Performs one write for `user`: validate -> authorise the role -> decide against the current
    /// state -> append atomically -> return once durable.
    ///
    /// - Parameters:
    ///   - request: the command, its target and its JSON body.
    ///   - user: who asks (from `authenticate` or `login`); the account is re-checked (active,
    ///     current role) at decision time.
    ///   - via: the shell, recorded as `data.via` on every entry.
    ///   - idempotencyKey: the client's `Idempotency-Key`. A retry with the same key and the same
    ///     fingerprint returns the original outcome (`replayed == true`) and appends nothing; the
    ///     same key with a different fingerprint is a `conflict` (`idempotency.key_reused`).
    ///   - requestFingerprint: overrides `request.fingerprint` (must exclude secrets); normally `nil`.
    /// - Throws: `AppError`; whenever it throws, nothing was appended (except a failed signing
    ///   password, which is logged as `user.login_failed` like a failed login).
    public func perform(
        _ request: CommandRequest, by user: AuthenticatedUser, via: Interface,
        idempotencyKey: String? = nil, requestFingerprint: SHA256Digest? = nil
    ) async throws(AppError) -> CommandOutcome {
        try await performCommand(
            request, by: user, via: via, idempotencyKey: idempotencyKey, requestFingerprint: requestFingerprint)
    }
}
