public import EventLog

/// `consent.withdrawn` (schema 1): the subject's current consent no longer holds. The subject
/// goes back to `candidate` (waiting for consent); leaving the study is `subject.withdrawn`.
///
/// Payload: `dateWithdrawn` (site-local `YYYY-MM-DD`). The envelope's `reason` may say why.
public struct ConsentWithdrawn: Sendable, Hashable {
    /// The event type name.
    public static let eventType = "consent.withdrawn"

    /// The date consent was withdrawn (site-local civil date).
    public var dateWithdrawn: LocalDate

    /// Creates the event.
    public init(dateWithdrawn: LocalDate) {
        self.dateWithdrawn = dateWithdrawn
    }

    static let keys: Set<String> = ["dateWithdrawn"]

    /// Decodes a stored payload.
    public init(data: [String: JSONValue]) throws(DomainError) {
        try self.init(reader: PayloadReader(data, eventType: Self.eventType, allowedKeys: Self.keys))
    }

    /// Decodes a stored payload through `reader` (built over a dictionary or the payload's bytes).
    init(reader: PayloadReader) throws(DomainError) {
        dateWithdrawn = try reader.date("dateWithdrawn")
    }

    /// The stored payload.
    public var data: [String: JSONValue] {
        [EventSchema.key: .integer(EventSchema.current), "dateWithdrawn": .string(dateWithdrawn.iso)]
    }
}
