public import EventLog
public import LogCrypto

extension EligibilityEvaluation {
    /// The evaluation as JSON: exactly what the investigator reviews and signs.
    ///
    /// Deterministic (objects are canonicalised by JCS; arrays keep protocol and rule order) and
    /// complete: protocol id, version and SHA-256, screening date, every criterion with its verbatim
    /// text, outcome, evidence (values, units, ULNs, dates, methods, source seqs) and sub-items,
    /// and the overall answer. Decimals are strings.
    public var jsonValue: JSONValue {
        [
            "evaluationFormat": 1,
            "protocol": [
                "id": .string(protocolID), "version": .string(protocolVersion), "sha256": .string(protocolSHA256),
            ],
            "screeningDate": .string(screeningDate.iso),
            "criteria": .array(criteria.map(\.jsonValue)),
            "overall": overall.jsonValue,
        ]
    }

    /// SHA-256 of `jsonValue.canonicalBytes()` (RFC 8785 JCS): what an investigator's signature covers.
    public var sha256: SHA256Digest {
        SHA256.hash(jsonValue.canonicalBytes())
    }
}

extension OverallEligibility {
    /// `{"status": "eligible"}`, `{"status": "ineligible", "failing": [...]}` or
    /// `{"status": "incomplete", "missing": [...]}`.
    public var jsonValue: JSONValue {
        switch self {
        case .eligible: ["status": "eligible"]
        case .ineligible(let failing): ["status": "ineligible", "failing": .array(failing.map(JSONValue.string))]
        case .incomplete(let missing): ["status": "incomplete", "missing": .array(missing.map(JSONValue.string))]
        }
    }
}

extension CriterionResult {
    /// The result as JSON; `evidence`, `missingInputs` and `children` are always present.
    public var jsonValue: JSONValue {
        [
            "id": .string(id), "kind": .string(kind.rawValue), "text": .string(text),
            "outcome": .string(outcome.rawValue),
            "evidence": .array(evidence.map(\.jsonValue)),
            "missingInputs": .array(missingInputs.map(JSONValue.string)),
            "children": .array(children.map(\.jsonValue)),
        ]
    }
}

extension Evidence {
    /// The evidence as JSON; absent optional members are left out.
    public var jsonValue: JSONValue {
        var object = JSONObjectBuilder()
        object.set("input", input)
        object["value"] = value.jsonValue
        object.set("unit", unit)
        object.set("uln", uln)
        object.set("observedOn", observedOn?.iso)
        object.set("method", method)
        if let inputs { object["inputs"] = .object(inputs.mapValues(\.jsonValue)) }
        if let sourceSeq { object["sourceSeq"] = .integer(sourceSeq) }
        return object.json
    }
}
