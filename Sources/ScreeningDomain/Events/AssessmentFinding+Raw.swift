import EventLog

extension AssessmentFinding {
    /// `decode(_:eventType:withSupersedes:)` read straight from the payload's validated bytes: the
    /// same fields, checks and errors, without a dictionary. Members named in `ignoring` (the
    /// application's own members beside the payload) are skipped.
    static func decode(
        _ raw: RawJSONObject, eventType: String, withSupersedes: Bool, ignoring: Set<String>
    ) throws(DomainError) -> (finding: AssessmentFinding, supersedes: Int64?) {
        try raw.withMembers { (reader: inout JSONMemberReader) throws(DomainError) in
            try decode(&reader, eventType: eventType, withSupersedes: withSupersedes, ignoring: ignoring)
        }
    }

    private static func decode(
        _ reader: inout JSONMemberReader, eventType: String, withSupersedes: Bool, ignoring: Set<String>
    ) throws(DomainError) -> (finding: AssessmentFinding, supersedes: Int64?) {
        func malformed(_ key: String, _ problem: String) -> DomainError {
            DomainError(code: "event.malformed", field: key, reason: "A \(eventType) event \(problem).")
        }
        /// A string or null member's bytes (nil for null); throws for any other type.
        func text(_ key: StaticString, _ reader: inout JSONMemberReader) throws(DomainError) -> UnsafeBufferPointer<UInt8>? {
            if let bytes = reader.stringBytes() { return bytes }
            if reader.null() { return nil }
            throw malformed("\(key)", "has a field that is not a string")
        }
        func string(_ key: StaticString, _ reader: inout JSONMemberReader) throws(DomainError) -> String? {
            try text(key, &reader).map { String(decoding: $0, as: UTF8.self) }
        }
        var input: String?
        var value: ObservationValue?
        var unit: String?
        var uln: DecimalValue?
        var observedOn: LocalDate?
        var method: String?
        var methodInputs: [String: ObservationValue]?
        var sourceDocument: String?
        var supersedes: Int64?
        var schema: JSONValue?
        while let key = reader.nextKey() {
            if key.equals("input") {
                input = try string("input", &reader)
            } else if key.equals("value") {
                value = try ObservationValueCoding.value(&reader, field: "value", eventType: eventType)
            } else if key.equals("unit") {
                unit = try string("unit", &reader)
            } else if key.equals("uln") {
                if let number = try text("uln", &reader) {
                    guard let parsed = DecimalValue.parsing(utf8: number) else {
                        throw malformed("uln", "has a decimal not in plain decimal form")
                    }
                    uln = parsed
                }
            } else if key.equals("observedOn") {
                if let date = try text("observedOn", &reader) {
                    guard let parsed = LocalDate(isoUTF8: date) else {
                        throw malformed("observedOn", "has a date not in YYYY-MM-DD form")
                    }
                    observedOn = parsed
                }
            } else if key.equals("method") {
                method = try string("method", &reader)
            } else if key.equals("methodInputs") {
                if reader.null() { continue }
                guard var named = reader.object() else {
                    throw malformed("methodInputs", "has method inputs that are not an object")
                }
                var decoded: [String: ObservationValue] = [:]
                while let name = named.nextKey() {
                    let nameText = name.string
                    decoded[nameText] = try ObservationValueCoding.value(
                        &named, field: "methodInputs." + nameText, eventType: eventType)
                }
                methodInputs = decoded
            } else if key.equals("sourceDocument") {
                sourceDocument = try string("sourceDocument", &reader)
            } else if withSupersedes && key.equals("supersedes") {
                guard let seq = reader.integer() else { throw malformed("supersedes", "lacks an integer field") }
                supersedes = seq
            } else if key.equals("schema") {
                schema = reader.value()
            } else {
                guard key.isOne(of: ignoring) else { throw malformed(key.string, "has a field its schema does not define") }
                reader.skipValue()
            }
        }
        try EventSchema.check(schema, eventType: eventType)
        guard let input else { throw malformed("input", "lacks a required field") }
        guard let value else { throw malformed("value", "lacks a required field") }
        if withSupersedes && supersedes == nil { throw malformed("supersedes", "lacks an integer field") }
        let finding = AssessmentFinding(
            input: input, value: value, unit: unit, uln: uln, observedOn: observedOn, method: method,
            methodInputs: methodInputs, sourceDocument: sourceDocument)
        return (finding, supersedes)
    }
}
