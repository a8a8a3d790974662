/// The screening worklist: subjects grouped by status, each with what it is waiting for.
public struct Worklist: Sendable, Hashable {
    /// One subject on the worklist.
    public struct Item: Sendable, Hashable {
        /// The screening number.
        public var screeningNumber: String
        /// The screening date (site-local).
        public var screeningDate: LocalDate
        /// What screening waits for.
        public var waitingFor: [WaitingFor]
    }

    /// The subjects of one status, in registration order.
    public struct Group: Sendable, Hashable {
        /// The status.
        public var status: ResearchSubjectStatus
        /// The subjects.
        public var items: [Item]
    }

    /// Non-empty groups in workflow order (candidate first, withdrawn last).
    public var groups: [Group]

    /// The items of one status (empty if none).
    public func items(_ status: ResearchSubjectStatus) -> [Item] {
        groups.first { $0.status == status }?.items ?? []
    }
}

extension ScreeningState {
    /// The worklist of every subject.
    public func worklist() -> Worklist {
        var byStatus: [ResearchSubjectStatus: [Worklist.Item]] = [:]
        for view in subjectViews() {
            byStatus[view.status, default: []].append(
                Worklist.Item(
                    screeningNumber: view.screeningNumber, screeningDate: view.screeningDate,
                    waitingFor: view.waitingFor))
        }
        return Worklist(
            groups: ResearchSubjectStatus.allCases.compactMap { status in
                byStatus[status].map { Worklist.Group(status: status, items: $0) }
            })
    }
}
