public import EventLog

extension ObservationValue {
    /// The value as a one-member object: `{"number": "41.5"}`, `{"code": "negative"}`,
    /// `{"yesNo": true}`, `{"date": "2025-03-01"}` (decimals as strings, never JSON numbers).
    public var jsonValue: JSONValue {
        switch self {
        case .number(let value): ["number": .string(value.description)]
        case .code(let code): ["code": .string(code)]
        case .yesNo(let answer): ["yesNo": .bool(answer)]
        case .date(let date): ["date": .string(date.iso)]
        }
    }

    /// Decodes `{"number": "41.5"}` and the other forms `jsonValue` writes.
    public init(json: JSONValue) throws(DomainError) {
        let invalid = DomainError(
            code: "value.invalid", field: "value", reason: "Expected {\"number\"|\"code\"|\"yesNo\"|\"date\": ...}.")
        guard case .object(let members) = json, members.count == 1, let (kind, body) = members.first else {
            throw invalid
        }
        switch (kind, body) {
        case ("number", .string(let text)):
            guard let number = DecimalValue(text) else { throw invalid }
            self = .number(number)
        case ("code", .string(let code)):
            self = .code(code)
        case ("yesNo", .bool(let answer)):
            self = .yesNo(answer)
        case ("date", .string(let text)):
            guard let date = LocalDate(iso: text) else { throw invalid }
            self = .date(date)
        default:
            throw invalid
        }
    }
}
