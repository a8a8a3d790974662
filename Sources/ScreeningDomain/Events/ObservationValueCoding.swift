import EventLog

/// How an observed value is stored: a one-member object whose key names the kind, so the
/// payload is self-describing without the protocol at hand:
/// `{"number": "41.5"}` (exact decimal as a string), `{"code": "negative"}`,
/// `{"yesNo": true}`, `{"date": "2026-11-20"}`.
enum ObservationValueCoding {
    static func json(_ value: ObservationValue) -> JSONValue {
        switch value {
        case .number(let number): return .object(["number": .string(number.description)])
        case .code(let code): return .object(["code": .string(code)])
        case .yesNo(let answer): return .object(["yesNo": .bool(answer)])
        case .date(let date): return .object(["date": .string(date.iso)])
        }
    }

    static func value(_ json: JSONValue, field: String, eventType: String) throws(DomainError) -> ObservationValue {
        let problem = DomainError(
            code: "event.malformed", field: field,
            reason: "A \(eventType) event has a value that is not one of number, code, yesNo or date.")
        guard case .object(let members) = json, members.count == 1, let (kind, inner) = members.first else { throw problem }
        switch (kind, inner) {
        case ("number", .string(let text)):
            guard let number = DecimalValue(text) else { throw problem }
            return .number(number)
        case ("code", .string(let code)): return .code(code)
        case ("yesNo", .bool(let answer)): return .yesNo(answer)
        case ("date", .string(let text)):
            guard let date = LocalDate(iso: text) else { throw problem }
            return .date(date)
        default: throw problem
        }
    }

    /// A short human rendering for history and worklists: `41.5`, `negative`, `yes`, `2026-11-20`.
    static func text(_ value: ObservationValue) -> String {
        switch value {
        case .number(let number): return number.description
        case .code(let code): return code
        case .yesNo(let answer): return answer ? "yes" : "no"
        case .date(let date): return date.iso
        }
    }
}
