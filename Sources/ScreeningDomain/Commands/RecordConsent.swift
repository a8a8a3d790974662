/// Record the subject's signed informed consent.
public struct RecordConsent: Sendable, Hashable {
    /// The screening number.
    public var subject: String
    /// The consent form version signed.
    public var formVersion: String
    /// The date signed (site-local); not after today.
    public var dateSigned: LocalDate
    /// Creates the command.
    public init(subject: String, formVersion: String, dateSigned: LocalDate) {
        self.subject = subject
        self.formVersion = formVersion
        self.dateSigned = dateSigned
    }
}
