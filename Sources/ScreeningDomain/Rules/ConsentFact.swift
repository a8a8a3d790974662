/// The subject's current informed consent (signed and not withdrawn).
public struct ConsentFact: Sendable, Hashable {
    /// The version of the consent form signed.
    public var formVersion: String
    /// The date written on the signed form (site civil date).
    public var dateSigned: LocalDate
    /// The seq of the log entry that recorded the consent.
    public var sourceSeq: Int64

    /// Creates a consent fact.
    public init(formVersion: String, dateSigned: LocalDate, sourceSeq: Int64) {
        self.formVersion = formVersion
        self.dateSigned = dateSigned
        self.sourceSeq = sourceSeq
    }
}
