public import EventLog

/// `subject.withdrawn` (schema 1): the subject left screening or the study (FHIR `withdrawn`).
/// Nothing more is recorded for the subject afterwards except audit-trail reviews.
///
/// Payload: `withdrawnOn` (site-local `YYYY-MM-DD`) and `initiatedBy` (`subject` or `site`).
/// The envelope's `reason` may say why.
public struct SubjectWithdrawn: Sendable, Hashable {
    /// The event type name.
    public static let eventType = "subject.withdrawn"

    /// The withdrawal date (site-local civil date).
    public var withdrawnOn: LocalDate
    /// Who initiated the withdrawal.
    public var initiatedBy: WithdrawalInitiator

    /// Creates the event.
    public init(withdrawnOn: LocalDate, initiatedBy: WithdrawalInitiator) {
        self.withdrawnOn = withdrawnOn
        self.initiatedBy = initiatedBy
    }

    static let keys: Set<String> = ["withdrawnOn", "initiatedBy"]

    /// Decodes a stored payload.
    public init(data: [String: JSONValue]) throws(DomainError) {
        try self.init(reader: PayloadReader(data, eventType: Self.eventType, allowedKeys: Self.keys))
    }

    /// Decodes a stored payload through `reader` (built over a dictionary or the payload's bytes).
    init(reader: PayloadReader) throws(DomainError) {
        withdrawnOn = try reader.date("withdrawnOn")
        guard let initiator = WithdrawalInitiator(rawValue: try reader.string("initiatedBy")) else {
            throw reader.malformed("initiatedBy", "names an unknown initiator")
        }
        initiatedBy = initiator
    }

    /// The stored payload.
    public var data: [String: JSONValue] {
        [
            EventSchema.key: .integer(EventSchema.current), "withdrawnOn": .string(withdrawnOn.iso),
            "initiatedBy": .string(initiatedBy.rawValue),
        ]
    }
}
