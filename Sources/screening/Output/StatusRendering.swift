import EventLog
import ScreeningApp

/// The subject status view as text for people.
enum StatusRendering {
    static func text(_ json: JSONValue, time: TimeDisplay) -> String {
        var lines: [String] = []
        let number = json["screeningNumber"]?.stringValue ?? ""
        lines.append("\(number)  status: \(json["status"]?.stringValue ?? "")  screening date: \(json["screeningDate"]?.stringValue ?? "")")
        if let point = json["asOf"] {
            lines.append("As of \(point["requested"]?.stringValue ?? ""): \(time.show(point["instant"]?.stringValue)), "
                + ReplayPointText.considered(point["lastSeq"]?.integerValue ?? -1))
        }
        if let protocolInfo = json["protocol"] {
            lines.append("Protocol: \(protocolInfo["protocolID"]?.stringValue ?? "") v\(protocolInfo["version"]?.stringValue ?? "")")
        }
        if let overall = json["overall"] {
            var text = "Overall: \(overall["status"]?.stringValue ?? "")"
            if let failing = overall["failing"]?.arrayValue { text += " (failing: \(failing.compactMap(\.stringValue).joined(separator: ", ")))" }
            if let missing = overall["missing"]?.arrayValue { text += " (missing: \(missing.compactMap(\.stringValue).joined(separator: ", ")))" }
            lines.append(text)
        }
        if let hash = json["evaluationSHA256"]?.stringValue { lines.append("Evaluation SHA-256: \(hash)") }
        if let consent = json["consent"] {
            lines.append("Consent: form \(consent["formVersion"]?.stringValue ?? "") signed \(consent["dateSigned"]?.stringValue ?? "") (seq \(consent["seq"]?.integerValue ?? 0))")
        } else {
            lines.append("Consent: none on file")
        }
        if let signature = json["signature"] {
            var text = "Signature: \(signature["signer"]?["name"]?.stringValue ?? "") at \(time.show(signature["at"]?.stringValue)) (seq \(signature["seq"]?.integerValue ?? 0), v\(signature["protocolVersion"]?.stringValue ?? ""))"
            if signature["applies"]?.boolValue == true {
                text += " - applies"
            } else if let void = signature["voidedBy"] {
                text += " - VOIDED by seq \(void["seq"]?.integerValue ?? 0) (\(void["type"]?.stringValue ?? ""))"
            }
            lines.append(text)
            lines.append("  Meaning: \(signature["meaning"]?.stringValue ?? "")")
        }
        if let enrolment = json["enrolment"] { lines.append("Enrolled on \(enrolment["enrolledOn"]?.stringValue ?? "") (seq \(enrolment["seq"]?.integerValue ?? 0))") }
        if let failure = json["screenFailure"] {
            var text = "Screen failed: \(failure["category"]?.stringValue ?? "")"
            let criteria = failure["criteria"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if !criteria.isEmpty { text += " (\(criteria.joined(separator: ", ")))" }
            if let note = failure["text"]?.stringValue { text += " - \(note)" }
            lines.append(text)
        }
        if let withdrawal = json["withdrawal"] {
            lines.append("Withdrawn on \(withdrawal["withdrawnOn"]?.stringValue ?? ""), initiated by the \(withdrawal["initiatedBy"]?.stringValue ?? "")")
        }
        if let waiting = json["waitingFor"]?.arrayValue, !waiting.isEmpty {
            lines.append("Waiting for: " + waiting.map(WorklistRendering.phrase).joined(separator: "; "))
        }
        lines.append("")
        var table = Table(["criterion", "kind", "outcome", "evidence"])
        for criterion in json["evaluation"]?["criteria"]?.arrayValue ?? [] {
            appendCriterion(criterion, depth: 0, to: &table)
        }
        lines.append(table.rendered)
        return lines.joined(separator: "\n")
    }

    static func appendCriterion(_ criterion: JSONValue, depth: Int, to table: inout Table) {
        let evidence = (criterion["evidence"]?.arrayValue ?? []).map(evidenceText)
        let missing = criterion["missingInputs"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var detail = evidence.joined(separator: "; ")
        if !missing.isEmpty { detail += (detail.isEmpty ? "" : "; ") + "missing: " + missing.joined(separator: ", ") }
        table.append([
            String(repeating: "  ", count: depth) + (criterion["id"]?.stringValue ?? ""),
            criterion["kind"]?.stringValue ?? "", criterion["outcome"]?.stringValue ?? "", detail,
        ])
        for child in criterion["children"]?.arrayValue ?? [] { appendCriterion(child, depth: depth + 1, to: &table) }
    }

    static func evidenceText(_ evidence: JSONValue) -> String {
        var text = evidence["input"]?.stringValue ?? ""
        if let value = evidence["value"]?.objectValue?.first?.value {
            switch value {
            case .bool(let flag): text += "=" + (flag ? "yes" : "no")
            case .string(let string): text += "=" + string
            default: text += "=" + value.canonicalString
            }
        }
        if let unit = evidence["unit"]?.stringValue { text += " " + unit }
        if let uln = evidence["uln"]?.stringValue { text += " (ULN \(uln))" }
        if let seq = evidence["sourceSeq"]?.integerValue { text += " [seq \(seq)]" }
        return text
    }
}
