public import EventLog

/// `subject.enrolled` (schema 1): the investigator enrolled the subject (FHIR `on-study`).
///
/// Payload: `enrolledOn` (site-local `YYYY-MM-DD` of the decision) and `signatureSeq` (the
/// seq of the eligibility signature the enrolment relied on).
public struct SubjectEnrolled: Sendable, Hashable {
    /// The event type name.
    public static let eventType = "subject.enrolled"

    /// The enrolment date (site-local civil date), as the enrolment log (ICH E6 8.3.22) shows it.
    public var enrolledOn: LocalDate
    /// The seq of the `eligibility.signed` entry relied on.
    public var signatureSeq: Int64

    /// Creates the event.
    public init(enrolledOn: LocalDate, signatureSeq: Int64) {
        self.enrolledOn = enrolledOn
        self.signatureSeq = signatureSeq
    }

    static let keys: Set<String> = ["enrolledOn", "signatureSeq"]

    /// Decodes a stored payload.
    public init(data: [String: JSONValue]) throws(DomainError) {
        try self.init(reader: PayloadReader(data, eventType: Self.eventType, allowedKeys: Self.keys))
    }

    /// Decodes a stored payload through `reader` (built over a dictionary or the payload's bytes).
    init(reader: PayloadReader) throws(DomainError) {
        enrolledOn = try reader.date("enrolledOn")
        signatureSeq = try reader.integer("signatureSeq")
    }

    /// The stored payload.
    public var data: [String: JSONValue] {
        [
            EventSchema.key: .integer(EventSchema.current), "enrolledOn": .string(enrolledOn.iso),
            "signatureSeq": .integer(signatureSeq),
        ]
    }
}
