/// Record that the subject withdrew consent.
public struct WithdrawConsent: Sendable, Hashable {
    /// The screening number.
    public var subject: String
    /// The date of withdrawal (site-local); not after today.
    public var dateWithdrawn: LocalDate
    /// Why, if the subject said.
    public var reason: String?
    /// Creates the command.
    public init(subject: String, dateWithdrawn: LocalDate, reason: String? = nil) {
        self.subject = subject
        self.dateWithdrawn = dateWithdrawn
        self.reason = reason
    }
}
