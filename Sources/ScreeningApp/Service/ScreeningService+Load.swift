import Dispatch
import EventLog
import Foundation
import ScreeningDomain
import Synchronization

extension ScreeningService {
    /// Folds subject `number` into the state if open left it unfolded; at once otherwise (also
    /// for numbers that are not subjects, such as user ids).
    ///
    /// Reads the subject's lines by location and folds them with the protocol versions in force
    /// (``ScreeningState/replay(subjectEntries:protocols:through:site:)``) outside the lock, then
    /// installs the record unless a write changed the subject or the protocol versions meanwhile
    /// (then it folds again). An unfolded subject never has entries in flight: every write folds
    /// its subject first.
    func loadSubject(_ number: String) throws(AppError) {
        while let plan = state.withLock({ $0.loadPlan(number) }) {
            let record = try fold(plan)
            if state.withLock({ $0.install(record, from: plan) }) { return }
        }
    }

    /// Folds every subject open left unfolded (what the worklist and the screening log need),
    /// on every core: subjects fold independently.
    func loadAllSubjects() throws(AppError) {
        let numbers = state.withLock { $0.unloaded.sorted() }
        guard !numbers.isEmpty else { return }
        let lanes = min(numbers.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        let failure = Mutex<AppError?>(nil)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            for number in stride(from: lane, to: numbers.count, by: lanes).lazy.map({ numbers[$0] }) {
                do throws(AppError) {
                    try loadSubject(number)
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                    return
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Folds every unfolded subject in the background, so that the first worklist after a
    /// restart does not wait for it. Failures are left for the request that needs the subject.
    public func warmUp() {
        guard state.withLock({ !$0.unloaded.isEmpty }) else { return }
        Task.detached(priority: .background) { [self] in
            let started = ContinuousClock.now
            do throws(AppError) {
                try loadAllSubjects()
                logger.info("all subjects folded", metadata: ["seconds": "\(ContinuousClock.now - started)"])
            } catch {
                logger.error("a subject could not be folded", metadata: ["code": "\(error.code)"])
            }
        }
    }

    private func fold(_ plan: AppState.SubjectLoad) throws(AppError) -> SubjectRecord? {
        guard plan.locations.count == plan.seqCount else {
            throw .unavailable("log.unreadable", "the entry index does not cover the subject's entries; reopen the store")
        }
        do {
            let entries = try logReader.entries(at: plan.locations).map(ApplicationEnvelope.domainEntry)
            let folded = try ScreeningState.replay(
                subjectEntries: entries, protocols: plan.protocols, through: .max, site: configuration.site)
            return folded.subjects[plan.number]
        } catch let error as DomainError {
            throw .unavailable("log.unreadable", "the log holds an entry the screening domain cannot fold: \(error.code): \(error.reason)")
        } catch {
            throw Self.storeError(error, action: "read the log")
        }
    }
}
