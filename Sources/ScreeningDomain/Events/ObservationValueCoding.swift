import EventLog

/// How events store an observed value: the rules' one-member form (`ObservationValue.jsonValue`),
/// `{"number": "41.5"}`, `{"code": "negative"}`, `{"yesNo": true}`, `{"date": "2026-11-20"}`,
/// so a payload is self-describing without the protocol at hand.
enum ObservationValueCoding {
    static func value(_ json: JSONValue, field: String, eventType: String) throws(DomainError) -> ObservationValue {
        do {
            return try ObservationValue(json: json)
        } catch {
            throw DomainError(
                code: "event.malformed", field: field,
                reason: "A \(eventType) event has a value that is not one of number, code, yesNo or date.")
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
