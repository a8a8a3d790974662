import EventLog

/// How events store an observed value: the rules' one-member form (`ObservationValue.jsonValue`),
/// `{"number": "41.5"}`, `{"code": "negative"}`, `{"yesNo": true}`, `{"date": "2026-11-20"}`,
/// so a payload is self-describing without the protocol at hand.
enum ObservationValueCoding {
    static func value(_ json: JSONValue, field: String, eventType: String) throws(DomainError) -> ObservationValue {
        // Decoded here rather than by `ObservationValue(json:)` for the fast decimal parser.
        if case .object(let members) = json, members.count == 1, let (kind, body) = members.first {
            switch (kind, body) {
            case ("number", .string(let text)):
                if let number = DecimalValue.parsing(text) { return .number(number) }
            case ("code", .string(let code)):
                return .code(code)
            case ("yesNo", .bool(let answer)):
                return .yesNo(answer)
            case ("date", .string(let text)):
                if let date = LocalDate(iso: text) { return .date(date) }
            default:
                break
            }
        }
        throw DomainError(
            code: "event.malformed", field: field,
            reason: "A \(eventType) event has a value that is not one of number, code, yesNo or date.")
    }

    /// `value(_:field:eventType:)` read from the current member of a payload held as bytes.
    static func value(
        _ reader: inout JSONMemberReader, field: String, eventType: String
    ) throws(DomainError) -> ObservationValue {
        if var members = reader.object(), let kind = members.nextKey() {
            var decoded: ObservationValue?
            if kind.equals("number") {
                decoded = members.stringBytes().flatMap { DecimalValue.parsing(utf8: $0) }.map { .number($0) }
            } else if kind.equals("code") {
                decoded = members.string().map { .code($0) }
            } else if kind.equals("yesNo") {
                decoded = members.bool().map { .yesNo($0) }
            } else if kind.equals("date") {
                decoded = members.stringBytes().flatMap { LocalDate(isoUTF8: $0) }.map { .date($0) }
            }
            if let decoded, members.nextKey() == nil { return decoded }
        }
        throw DomainError(
            code: "event.malformed", field: field,
            reason: "A \(eventType) event has a value that is not one of number, code, yesNo or date.")
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
