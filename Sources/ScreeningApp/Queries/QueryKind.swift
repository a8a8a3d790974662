/// The kinds of read the shells offer, for role checks (`ScreeningService.authorizeRead`).
public enum QueryKind: String, Sendable, Hashable, CaseIterable {
    /// Subject state, worklist, history, screening log, replay: screening data.
    case screeningData
    /// The audit replay of signatures.
    case audit
    /// Verification, the latest checkpoint and the raw log lines (integrity, no interpretation).
    case integrity
    /// The list of accounts.
    case accounts
}
