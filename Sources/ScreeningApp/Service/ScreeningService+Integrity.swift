extension ScreeningService {
    /// Runs the EventLog verification engine over this store with the writer's verifier key.
    public func verify() async throws(AppError) -> VerificationView {
        try await runVerification()
    }

    /// The latest signed checkpoint (C2SP signed note), exactly as stored.
    public func latestCheckpoint() throws(AppError) -> String {
        try readLatestCheckpoint()
    }
}

extension ScreeningService {
    /// The log's verifier key as recorded in `log.created` (`<name>+<key id>+<base64>`, C2SP
    /// signed-note): public, for auditors to pin (`verify --key`). They should obtain it out of
    /// band, not from the copy of the store they are checking.
    public var verifierKeyText: String {
        state.withLock { $0.verifierKeyText } ?? ""
    }
}
