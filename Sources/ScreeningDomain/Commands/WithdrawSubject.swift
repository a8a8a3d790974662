/// Withdraw the subject from screening or from the study.
public struct WithdrawSubject: Sendable, Hashable {
    /// The screening number.
    public var subject: String
    /// Who initiated it.
    public var initiatedBy: WithdrawalInitiator
    /// Why, if known.
    public var reason: String?
    /// Creates the command.
    public init(subject: String, initiatedBy: WithdrawalInitiator, reason: String? = nil) {
        self.subject = subject
        self.initiatedBy = initiatedBy
        self.reason = reason
    }
}
