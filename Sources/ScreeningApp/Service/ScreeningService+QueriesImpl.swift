import EventLog

extension ScreeningService {
    func querySubjectStatus(_ screeningNumber: String, asOf: String?) async throws(AppError) -> SubjectStatusView {
        throw .unavailable("not_wired", "queries are wired once the domain lands")
    }
    func queryWorklist(asOf: String?) async throws(AppError) -> WorklistView {
        throw .unavailable("not_wired", "queries are wired once the domain lands")
    }
    func queryHistory(_ screeningNumber: String) async throws(AppError) -> HistoryView {
        throw .unavailable("not_wired", "queries are wired once the domain lands")
    }
    func queryScreeningLog() async throws(AppError) -> ScreeningLogView {
        throw .unavailable("not_wired", "queries are wired once the domain lands")
    }
    func queryReplay(asOf: String) async throws(AppError) -> ReplayView {
        throw .unavailable("not_wired", "queries are wired once the domain lands")
    }
    func queryAudit() async throws(AppError) -> AuditView {
        throw .unavailable("not_wired", "queries are wired once the domain lands")
    }
    func runVerification() async throws(AppError) -> VerificationView {
        throw .unavailable("not_wired", "verification is wired once the engine lands")
    }
    func readLatestCheckpoint() throws(AppError) -> String {
        throw .unavailable("not_wired", "checkpoints are wired once the store lands")
    }
    func streamRawLog(fromSeq: Int64) -> AsyncThrowingStream<[UInt8], any Error> {
        AsyncThrowingStream { $0.finish(throwing: AppError.unavailable("not_wired", "raw log is wired once the store lands")) }
    }
}
