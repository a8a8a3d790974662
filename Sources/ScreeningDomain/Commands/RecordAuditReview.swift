/// Record that the actor reviewed a subject's audit trail.
public struct RecordAuditReview: Sendable, Hashable {
    /// The screening number.
    public var subject: String
    /// The last seq of the trail reviewed; nil means the log as it stands.
    public var throughSeq: Int64?
    /// An optional comment (stored in the envelope's `reason`).
    public var comment: String?
    /// Creates the command.
    public init(subject: String, throughSeq: Int64? = nil, comment: String? = nil) {
        self.subject = subject
        self.throughSeq = throughSeq
        self.comment = comment
    }
}
