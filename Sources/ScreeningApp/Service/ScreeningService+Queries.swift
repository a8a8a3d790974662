extension ScreeningService {
    /// Throws `forbidden` unless `user`'s current role may run reads of `query` and their password
    /// is their own (`password.change_required` while it is one an administrator set).
    public func authorizeRead(_ query: QueryKind, by user: AuthenticatedUser) throws(AppError) {
        try requireOwnPassword(user.id)
        let role = state.withLock { $0.accounts[user.id]?.role } ?? user.role
        guard role.may(read: query) else { throw role.refusal(read: query) }
    }

    /// One subject's state now, or as of `asOf` (a bare date `YYYY-MM-DD` = end of that day in
    /// the site's zone, or an RFC 3339 instant with offset). Errors: `notFound`, `malformed` (`asOf`).
    public func subjectStatus(_ screeningNumber: String, asOf: String? = nil) async throws(AppError) -> SubjectStatusView {
        try await querySubjectStatus(screeningNumber, asOf: asOf)
    }

    /// Subjects by workflow status with what each is waiting for, now or as of `asOf`.
    public func worklist(asOf: String? = nil) async throws(AppError) -> WorklistView {
        try await queryWorklist(asOf: asOf)
    }

    /// Everything that happened to one subject, in log order. Errors: `notFound`.
    public func history(_ screeningNumber: String) async throws(AppError) -> HistoryView {
        try await queryHistory(screeningNumber)
    }

    /// The subject screening log (ICH E6 8.3.20) and CONSORT counts, as JSON and CSV.
    public func screeningLog() async throws(AppError) -> ScreeningLogView {
        try await queryScreeningLog()
    }

    /// Every subject as of `asOf` (required). Errors: `malformed` (`asOf`).
    public func replay(asOf: String) async throws(AppError) -> ReplayView {
        try await queryReplay(asOf: asOf)
    }

    /// The audit replay: every signature's evaluation recomputed at its point in the log.
    public func audit() async throws(AppError) -> AuditView {
        try await queryAudit()
    }
}
