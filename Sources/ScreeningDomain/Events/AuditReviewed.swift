public import EventLog

/// `audit.reviewed` (schema 1): a monitor recorded that they reviewed a subject's audit trail
/// (the review is itself an audited activity). The envelope's `reason` may carry a comment.
///
/// Payload: `throughSeq` (the last log seq of the trail the reviewer saw).
public struct AuditReviewed: Sendable, Hashable {
    /// The event type name.
    public static let eventType = "audit.reviewed"

    /// The seq of the last entry the reviewed trail contained.
    public var throughSeq: Int64

    /// Creates the event.
    public init(throughSeq: Int64) {
        self.throughSeq = throughSeq
    }

    static let keys: Set<String> = ["throughSeq"]

    /// Decodes a stored payload.
    public init(data: [String: JSONValue]) throws(DomainError) {
        try self.init(reader: PayloadReader(data, eventType: Self.eventType, allowedKeys: Self.keys))
    }

    /// Decodes a stored payload through `reader` (built over a dictionary or the payload's bytes).
    init(reader: PayloadReader) throws(DomainError) {
        throughSeq = try reader.integer("throughSeq")
    }

    /// The stored payload.
    public var data: [String: JSONValue] {
        [EventSchema.key: .integer(EventSchema.current), "throughSeq": .integer(throughSeq)]
    }
}
