import EventLog

/// Reads a command body (JSON from a form or an API call) strictly: typed fields, errors naming
/// the field, and no field the command does not define. Fields that would identify a person
/// (name, hospital number, ID card number...) are refused with their own code, because the log
/// knows subjects only by screening number.
struct CommandBodyReader {
    let body: [String: JSONValue]

    init(_ body: [String: JSONValue], allowed: Set<String>) throws(DomainError) {
        self.body = body
        for key in body.keys.sorted() where !allowed.contains(key) {
            if Self.isIdentifying(key) {
                throw DomainError(
                    code: "subject.identifying_field", field: key,
                    reason:
                        "The log knows subjects by screening number only; names, hospital and ID card numbers stay on the site's identification list."
                )
            }
            throw DomainError(code: "field.unknown", field: key, reason: "The command has no field of this name.")
        }
    }

    /// Field names (compared without case, `_` or `-`) that identify a person.
    static let identifyingNames: Set<String> = [
        "name", "fullname", "firstname", "lastname", "givenname", "familyname", "surname", "patientname",
        "initials", "hospitalnumber", "hospitalno", "medicalrecordnumber", "mrn", "idcard", "idcardnumber",
        "idnumber", "nationalid", "identitycard", "passport", "passportnumber", "phone", "phonenumber",
        "mobile", "email", "address",
    ]

    static func isIdentifying(_ key: String) -> Bool {
        identifyingNames.contains(String(key.lowercased().filter { $0 != "_" && $0 != "-" }))
    }

    func string(_ key: String) throws(DomainError) -> String {
        guard let value = try optionalString(key) else { throw missing(key) }
        return value
    }

    func optionalString(_ key: String) throws(DomainError) -> String? {
        guard let value = body[key], value != .null else { return nil }
        guard case .string(let text) = value else { throw invalid(key, "must be a string") }
        return text
    }

    func integer(_ key: String) throws(DomainError) -> Int64 {
        guard let value = try optionalInteger(key) else { throw missing(key) }
        return value
    }

    func optionalInteger(_ key: String) throws(DomainError) -> Int64? {
        guard let value = body[key], value != .null else { return nil }
        guard case .integer(let number) = value else { throw invalid(key, "must be an integer") }
        return number
    }

    func date(_ key: String) throws(DomainError) -> LocalDate {
        guard let value = try optionalDate(key) else { throw missing(key) }
        return value
    }

    func optionalDate(_ key: String) throws(DomainError) -> LocalDate? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = LocalDate(iso: text) else { throw invalid(key, "must be a real date written YYYY-MM-DD") }
        return date
    }

    func optionalDecimal(_ key: String) throws(DomainError) -> DecimalValue? {
        guard let value = body[key], value != .null else { return nil }
        return try Self.decimal(value, field: key)
    }

    func optionalStringArray(_ key: String) throws(DomainError) -> [String]? {
        guard let value = body[key], value != .null else { return nil }
        guard case .array(let items) = value else { throw invalid(key, "must be an array of strings") }
        var strings: [String] = []
        for item in items {
            guard case .string(let text) = item else { throw invalid(key, "must be an array of strings") }
            strings.append(text)
        }
        return strings
    }

    func enumeration<T: RawRepresentable<String>>(_ key: String, _ type: T.Type, allowed: [T]) throws(DomainError) -> T
    {
        guard let value = T(rawValue: try string(key)) else {
            throw invalid(key, "must be one of " + allowed.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    /// An observed value: `{"number": "41.5"}` (or an integer), `{"code": "..."}`,
    /// `{"yesNo": true}` or `{"date": "YYYY-MM-DD"}`.
    func value(_ json: JSONValue?, field: String) throws(DomainError) -> ObservationValue {
        guard let json, json != .null else { throw missing(field) }
        let problem = invalid(
            field,
            "must be one of {\"number\": \"41.5\"}, {\"code\": \"...\"}, {\"yesNo\": true}, {\"date\": \"YYYY-MM-DD\"}")
        guard case .object(let members) = json, members.count == 1, let (kind, inner) = members.first else {
            throw problem
        }
        switch (kind, inner) {
        case ("number", _): return .number(try Self.decimal(inner, field: field))
        case ("code", .string(let code)): return .code(code)
        case ("yesNo", .bool(let answer)): return .yesNo(answer)
        case ("date", .string(let text)):
            guard let date = LocalDate(iso: text) else {
                throw invalid(field, "must be a real date written YYYY-MM-DD")
            }
            return .date(date)
        default: throw problem
        }
    }

    static func decimal(_ value: JSONValue, field: String) throws(DomainError) -> DecimalValue {
        switch value {
        case .string(let text):
            if let number = DecimalValue(text) { return number }
        case .integer(let number):
            return DecimalValue(Int(number))
        default:
            break
        }
        throw DomainError(
            code: "field.invalid", field: field,
            reason: "The field must be a plain decimal such as \"41.5\" (no exponent).")
    }

    func missing(_ key: String) -> DomainError {
        DomainError(code: "field.missing", field: key, reason: "The command needs this field.")
    }

    func invalid(_ key: String, _ detail: String) -> DomainError {
        DomainError(code: "field.invalid", field: key, reason: "The field " + detail + ".")
    }
}
