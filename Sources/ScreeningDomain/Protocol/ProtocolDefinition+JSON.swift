public import EventLog
public import LogCrypto

extension ProtocolDefinition {
    /// The whole definition as JSON: what the `protocol.registered` event carries.
    ///
    /// Decoding this value gives back an equal definition, and for a definition read from a file
    /// it is exactly the file's JSON (unknown members are rejected, absent ones stay absent).
    public var jsonValue: JSONValue {
        var object = JSONObjectBuilder()
        object.set("protocolID", protocolID)
        object.set("version", version)
        object.set("title", title)
        object.set("sponsor", sponsor)
        object.set("source", source)
        object.set("supersedes", supersedes)
        object.set("amendmentNote", amendmentNote)
        object["inputs"] = .array(inputs.map(\.jsonValue))
        object["criteria"] = .array(criteria.map(\.jsonValue))
        return object.json
    }

    /// SHA-256 of `jsonValue.canonicalBytes()` (RFC 8785 JCS): the definition's identity.
    public var sha256: SHA256Digest {
        SHA256.hash(jsonValue.canonicalBytes())
    }

    /// Decodes a definition from its JSON and checks it (unique ids, rules referring to inputs of
    /// the right kind, sub-item structure); the error's `field` is the JSON path of the problem.
    public static func decode(from json: JSONValue) throws(DomainError) -> ProtocolDefinition {
        var fields = try JSONFields(json, at: "")
        let protocolID = try fields.string("protocolID")
        let version = try fields.string("version")
        let title = try fields.string("title")
        let sponsor = try fields.optionalString("sponsor")
        let source = try fields.optionalString("source")
        let supersedes = try fields.optionalString("supersedes")
        let amendmentNote = try fields.optionalString("amendmentNote")
        var inputs: [InputDefinition] = []
        for (index, input) in try fields.array("inputs").enumerated() {
            inputs.append(try InputDefinition(json: input, at: "inputs[\(index)]"))
        }
        var criteria: [Criterion] = []
        for (index, criterion) in try fields.array("criteria").enumerated() {
            criteria.append(try Criterion(json: criterion, at: "criteria[\(index)]"))
        }
        try fields.finish()
        let definition = ProtocolDefinition(
            protocolID: protocolID, version: version, title: title, sponsor: sponsor, source: source,
            supersedes: supersedes, amendmentNote: amendmentNote, inputs: inputs, criteria: criteria)
        try definition.check()
        return definition
    }

    /// Parses UTF-8 JSON (strict RFC 8259, integers only) and decodes the definition.
    public static func decode(_ bytes: [UInt8]) throws(DomainError) -> ProtocolDefinition {
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes)
        } catch {
            throw DomainError(
                code: "definition.invalid_json", field: nil, reason: "The definition is not valid JSON: \(error.reason)"
            )
        }
        return try decode(from: json)
    }
}
