public import EventLog

/// `subject.registered` (schema 1): a subject enters screening, known only by screening number.
///
/// Payload: `screeningNumber`, `screeningDate` (site-local `YYYY-MM-DD`, the day time windows
/// count from), and, only where criteria need them, `dateOfBirth` and `sex`. Names, hospital
/// numbers and ID card numbers stay on the site's identification list (ICH E6 8.3.21), never here.
public struct SubjectRegistered: Sendable, Hashable {
    /// The event type name.
    public static let eventType = "subject.registered"

    /// The screening number (see `ScreeningNumber`), also the entry's `subject`.
    public var screeningNumber: String
    /// The screening date (site-local civil date).
    public var screeningDate: LocalDate
    /// The date of birth, for age criteria.
    public var dateOfBirth: LocalDate?
    /// The sex, for sex-specific criteria.
    public var sex: Sex?

    /// Creates the event.
    public init(screeningNumber: String, screeningDate: LocalDate, dateOfBirth: LocalDate? = nil, sex: Sex? = nil) {
        self.screeningNumber = screeningNumber
        self.screeningDate = screeningDate
        self.dateOfBirth = dateOfBirth
        self.sex = sex
    }

    static let keys: Set<String> = ["screeningNumber", "screeningDate", "dateOfBirth", "sex"]

    /// Decodes a stored payload.
    public init(data: [String: JSONValue]) throws(DomainError) {
        try self.init(reader: PayloadReader(data, eventType: Self.eventType, allowedKeys: Self.keys))
    }

    /// Decodes a stored payload through `reader` (built over a dictionary or the payload's bytes).
    init(reader: PayloadReader) throws(DomainError) {
        screeningNumber = try reader.string("screeningNumber")
        screeningDate = try reader.date("screeningDate")
        dateOfBirth = try reader.optionalDate("dateOfBirth")
        if let text = try reader.optionalString("sex") {
            guard let decoded = Sex(rawValue: text) else {
                throw reader.malformed("sex", "has a sex that is neither male nor female")
            }
            sex = decoded
        } else {
            sex = nil
        }
    }

    /// The stored payload.
    public var data: [String: JSONValue] {
        var data: [String: JSONValue] = [
            EventSchema.key: .integer(EventSchema.current),
            "screeningNumber": .string(screeningNumber),
            "screeningDate": .string(screeningDate.iso),
        ]
        if let dateOfBirth { data["dateOfBirth"] = .string(dateOfBirth.iso) }
        if let sex { data["sex"] = .string(sex.rawValue) }
        return data
    }
}
