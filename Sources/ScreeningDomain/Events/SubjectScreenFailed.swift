public import EventLog

/// `subject.screen_failed` (schema 1): screening ended without enrolment (FHIR `not-registered`).
///
/// Payload: `category` (`criteria`, `declined` or `other`), `criteria` (the ids of the criteria
/// not met, in protocol order; empty unless `criteria`), and `text` (required for `other`).
public struct SubjectScreenFailed: Sendable, Hashable {
    /// The event type name.
    public static let eventType = "subject.screen_failed"

    /// The CONSORT category.
    public var category: ScreenFailureCategory
    /// The criteria not met (CDISC IE lists these per subject).
    public var criteria: [String]
    /// A free-text explanation; required for `other`. No patient identifiers.
    public var text: String?

    /// Creates the event.
    public init(category: ScreenFailureCategory, criteria: [String] = [], text: String? = nil) {
        self.category = category
        self.criteria = criteria
        self.text = text
    }

    static let keys: Set<String> = ["category", "criteria", "text"]

    /// Decodes a stored payload.
    public init(data: [String: JSONValue]) throws(DomainError) {
        try self.init(reader: PayloadReader(data, eventType: Self.eventType, allowedKeys: Self.keys))
    }

    /// Decodes a stored payload through `reader` (built over a dictionary or the payload's bytes).
    init(reader: PayloadReader) throws(DomainError) {
        guard let category = ScreenFailureCategory(rawValue: try reader.string("category")) else {
            throw reader.malformed("category", "has an unknown screen-failure category")
        }
        self.category = category
        criteria = try reader.stringArray("criteria")
        text = try reader.optionalString("text")
    }

    /// The stored payload.
    public var data: [String: JSONValue] {
        var data: [String: JSONValue] = [
            EventSchema.key: .integer(EventSchema.current),
            "category": .string(category.rawValue),
            "criteria": .array(criteria.map(JSONValue.string)),
        ]
        if let text { data["text"] = .string(text) }
        return data
    }
}
