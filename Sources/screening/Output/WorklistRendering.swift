import EventLog

/// Worklist entries as text.
enum WorklistRendering {
    /// One `waitingFor` item as a short phrase.
    static func phrase(_ item: JSONValue) -> String {
        switch item["kind"]?.stringValue {
        case "consent": return "consent"
        case "protocolRegistration": return "protocol registration"
        case "investigatorSignOff": return "investigator sign-off"
        case "enrolmentDecision": return "enrolment decision"
        case "missingInputs":
            let inputs = item["inputs"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return "\(item["criterion"]?.stringValue ?? ""): \(inputs.joined(separator: ", "))"
        case "reSignAfterVoid": return "re-sign (voided by seq \(item["voidedBy"]?["seq"]?.integerValue ?? 0))"
        case "screenFailDecision":
            let failing = item["failing"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return "screen-fail decision (\(failing.joined(separator: ", ")))"
        default: return item.canonicalString
        }
    }

    /// The items as one cell: more than three criteria waiting for inputs are summarised.
    static func phrases(_ items: JSONValue?) -> String {
        let all = items?.arrayValue ?? []
        let missing = all.filter { $0["kind"]?.stringValue == "missingInputs" }
        guard missing.count > 3 else { return all.map(phrase).joined(separator: "; ") }
        let criteria = missing.compactMap { $0["criterion"]?.stringValue }
        let inputs = missing.reduce(0) { $0 + ($1["inputs"]?.arrayValue?.count ?? 0) }
        let others = all.filter { $0["kind"]?.stringValue != "missingInputs" }.map(phrase)
        return (others + ["inputs for \(criteria.count) criteria (\(criteria.prefix(4).joined(separator: ", ")), ...; \(inputs) inputs)"])
            .joined(separator: "; ")
    }
}
