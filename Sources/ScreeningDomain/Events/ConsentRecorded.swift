public import EventLog

/// `consent.recorded` (schema 1): the subject signed an informed consent form. A later
/// `consent.recorded` (re-consent on a new form version) replaces the current consent.
///
/// Payload: `formVersion` (the ICF version signed) and `dateSigned` (site-local `YYYY-MM-DD`).
public struct ConsentRecorded: Sendable, Hashable {
    /// The event type name.
    public static let eventType = "consent.recorded"

    /// The version of the consent form signed.
    public var formVersion: String
    /// The date the subject signed (site-local civil date).
    public var dateSigned: LocalDate

    /// Creates the event.
    public init(formVersion: String, dateSigned: LocalDate) {
        self.formVersion = formVersion
        self.dateSigned = dateSigned
    }

    static let keys: Set<String> = ["formVersion", "dateSigned"]

    /// Decodes a stored payload.
    public init(data: [String: JSONValue]) throws(DomainError) {
        try self.init(reader: PayloadReader(data, eventType: Self.eventType, allowedKeys: Self.keys))
    }

    /// Decodes a stored payload through `reader` (built over a dictionary or the payload's bytes).
    init(reader: PayloadReader) throws(DomainError) {
        formVersion = try reader.string("formVersion")
        dateSigned = try reader.date("dateSigned")
    }

    /// The stored payload.
    public var data: [String: JSONValue] {
        [
            EventSchema.key: .integer(EventSchema.current), "formVersion": .string(formVersion),
            "dateSigned": .string(dateSigned.iso),
        ]
    }
}
