import EventLog
import LogCrypto
import Logging

extension ScreeningService {
    func performCommand(
        _ request: CommandRequest, by user: AuthenticatedUser, via: Interface,
        idempotencyKey: String?, requestFingerprint: SHA256Digest?
    ) async throws(AppError) -> CommandOutcome {
        let started = ContinuousClock.now
        // Correlates this command's log lines (the HTTP shell adds its own request id).
        let commandID = String(UInt64.random(in: .min ... .max), radix: 16)
        do {
            let outcome = try await performTimed(
                request, by: user, via: via, idempotencyKey: idempotencyKey, requestFingerprint: requestFingerprint)
            metrics.commandTimer(request.kind, outcome: "ok").record(duration: ContinuousClock.now - started)
            logger.info(
                "command performed",
                metadata: [
                    "command": "\(request.kind.rawValue)", "command.id": "\(commandID)", "user": "\(user.id)",
                    "via": "\(via.rawValue)", "seqs": "\(outcome.recorded.map(\.seq))", "replayed": "\(outcome.replayed)",
                ])
            return outcome
        } catch {
            metrics.commandTimer(request.kind, outcome: error.kind.rawValue).record(duration: ContinuousClock.now - started)
            logger.notice(
                "command refused",
                metadata: [
                    "command": "\(request.kind.rawValue)", "command.id": "\(commandID)", "user": "\(user.id)",
                    "via": "\(via.rawValue)", "code": "\(error.code)", "field": "\(error.field ?? "")",
                ])
            throw error
        }
    }

    private func performTimed(
        _ request: CommandRequest, by user: AuthenticatedUser, via: Interface,
        idempotencyKey: String?, requestFingerprint: SHA256Digest?
    ) async throws(AppError) -> CommandOutcome {
        let fingerprintDigest = requestFingerprint ?? request.fingerprint
        let fingerprint = fingerprintDigest.hex
        if let idempotencyKey {
            try IdempotencyIndex.validate(idempotencyKey)
            // Looked up under the lock: a copy of the state would make the next write copy it whole.
            let replay = try state.withLock { state throws(AppError) in
                try Self.replayed(userID: user.id, key: idempotencyKey, fingerprint: fingerprintDigest, state: state)
            }
            if let replay {
                // The state includes staged entries: acknowledge only once the original is durable.
                try await waitUntilDurable()
                return try replayOutcome(replay)
            }
        }
        // Validate and authorise before any expensive work; decide re-checks against the state.
        let current = try currentAccount(user)
        try requireOwnPassword(current.id)
        guard current.role.may(request.kind) else { throw current.role.refusal(request.kind) }
        if request.kind.needsTarget && (request.target ?? "").isEmpty {
            throw .malformed("target.missing", field: "target", "this command needs a subject or user id")
        }
        let command = try PreparedCommand.prepare(request, configuration: configuration)
        // The decision reads the subject's folded state (open folds subjects lazily): for a
        // registration the number in the body (to refuse a duplicate), else the target.
        let subject = command.subject(target: request.target)
        if let subject { try loadSubject(subject) }
        if case .signEligibility(let signature) = command {
            try await checkSigningPassword(signature.password, user: current, via: via)
        }
        let requestMember = idempotencyKey.map {
            IdempotencyIndex.requestMember(key: $0, fingerprint: fingerprint, kind: request.kind)
        }
        let kind = request.kind
        let afterStage = command.afterStage(credentials: credentials, target: request.target)
        let (replay, entries) = try await commit({ state, at throws(AppError) -> Decision<IdempotencyIndex.Record?> in
            if let idempotencyKey,
                let replay = try Self.replayed(userID: user.id, key: idempotencyKey, fingerprint: fingerprintDigest, state: state)
            {
                return Decision(drafts: [], result: replay)
            }
            if let subject, state.unloaded.contains(subject) {
                throw AppError.unavailable("subject.not_folded", "the subject is being read from the log; retry")
            }
            let account = try Self.currentAccount(user, in: state)
            guard account.role.may(kind) else { throw account.role.refusal(kind) }
            let actor = Actor(id: account.id, name: account.name, role: account.role.rawValue)
            let drafts = try command.decide(state: state, actor: actor, at: at, target: request.target)
            return Decision(drafts: Self.stamp(drafts, via: via, request: requestMember), result: nil)
        }, afterStage: afterStage)
        // An empty transaction is a durability barrier: the original's entries are durable now.
        if let replay { return try replayOutcome(replay) }
        if let revoked = command.revokesSessions(target: request.target) { sessions.removeAll(for: revoked) }
        return CommandOutcome(
            kind: kind,
            recorded: entries.map { .init(seq: $0.seq, type: $0.type, at: $0.at, subject: $0.subject) },
            replayed: false)
    }

    /// Returns once everything staged so far is durable (the writer's barrier; at once when
    /// read-only, whose state holds acknowledged entries only). The in-transaction replay needs no
    /// call: a transaction that appends nothing is the same barrier.
    private func waitUntilDurable() async throws(AppError) {
        guard let writer else { return }
        do {
            try await writer.waitUntilDurable()
        } catch {
            throw Self.storeError(error, action: "wait for the log to be durable")
        }
    }

    /// The earlier request made with `key` by `userID`, if any; `idempotency.key_reused` if it
    /// asked for something else.
    static func replayed(userID: String, key: String, fingerprint: SHA256Digest, state: AppState) throws(AppError)
        -> IdempotencyIndex.Record?
    {
        guard let record = state.idempotency.record(userID: userID, key: key) else { return nil }
        guard record.fingerprint == fingerprint else {
            throw .conflict(
                "idempotency.key_reused", field: "Idempotency-Key",
                "this key was already used for a different request")
        }
        return record
    }

    /// The answer to a retried request, its entries read back from the log (call once they are
    /// durable).
    private func replayOutcome(_ record: IdempotencyIndex.Record) throws(AppError) -> CommandOutcome {
        let entries = try entries(seqs: Array(record.seqs))
        return CommandOutcome(
            kind: record.kind, recorded: entries.map { .init(seq: $0.seq, type: $0.type, at: $0.at, subject: $0.subject) },
            replayed: true)
    }

    private func currentAccount(_ user: AuthenticatedUser) throws(AppError) -> Account {
        try state.withLock { state throws(AppError) in try Self.currentAccount(user, in: state) }
    }

    static func currentAccount(_ user: AuthenticatedUser, in state: AppState) throws(AppError) -> Account {
        guard let account = state.accounts[user.id], account.active, !account.locked else {
            throw .unauthenticated("auth.inactive", "the account is unknown, deactivated or locked")
        }
        return account
    }

    /// Signing asks for the password every time; a wrong one is logged and counts toward lockout.
    /// The password must be one the signer set themselves, never one an administrator chose.
    private func checkSigningPassword(_ password: String, user: Account, via: Interface) async throws(AppError) {
        try await checkPassword(password, of: user, cause: "bad_signing_password", via: via)
        guard credentials.hash(for: user.id)?.isOwn == true else {
            throw .forbidden(
                "password.change_required",
                "signing needs a password you set yourself; this one was set by an administrator")
        }
    }
}
