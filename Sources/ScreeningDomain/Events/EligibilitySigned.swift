public import EventLog

/// `eligibility.signed` (schema 1): an investigator's electronic signature on one evaluation
/// (21 CFR 11.50): printed name, meaning, and the exact evaluation signed. The signer is the
/// entry's actor and the time of signing is the entry's `at`.
///
/// Payload: `printedName`, `meaning`, `evaluationSHA256` (lowercase hex SHA-256 of the RFC 8785
/// canonical evaluation), `protocolID`, `protocolVersion`, `protocolSHA256`.
public struct EligibilitySigned: Sendable, Hashable {
    /// The event type name.
    public static let eventType = "eligibility.signed"

    /// The signer's printed name as shown with the signature.
    public var printedName: String
    /// What the signature means, in words the signer saw.
    public var meaning: String
    /// The SHA-256 (lowercase hex) of the canonical evaluation signed.
    public var evaluationSHA256: String
    /// The protocol the evaluation applied.
    public var protocolID: String
    /// The protocol version the evaluation applied.
    public var protocolVersion: String
    /// The SHA-256 (lowercase hex) of that protocol version's definition.
    public var protocolSHA256: String

    /// Creates the event.
    public init(
        printedName: String, meaning: String, evaluationSHA256: String, protocolID: String, protocolVersion: String,
        protocolSHA256: String
    ) {
        self.printedName = printedName
        self.meaning = meaning
        self.evaluationSHA256 = evaluationSHA256
        self.protocolID = protocolID
        self.protocolVersion = protocolVersion
        self.protocolSHA256 = protocolSHA256
    }

    /// The meaning of an eligibility signature for a protocol version, as stored and shown.
    public static func meaning(protocolID: String, version: String) -> String {
        "I confirm the subject meets all eligibility criteria of protocol \(protocolID) v\(version)"
    }

    static let keys: Set<String> = [
        "printedName", "meaning", "evaluationSHA256", "protocolID", "protocolVersion", "protocolSHA256",
    ]

    /// Decodes a stored payload.
    public init(data: [String: JSONValue]) throws(DomainError) {
        try self.init(reader: PayloadReader(data, eventType: Self.eventType, allowedKeys: Self.keys))
    }

    /// Decodes a stored payload through `reader` (built over a dictionary or the payload's bytes).
    init(reader: PayloadReader) throws(DomainError) {
        printedName = try reader.string("printedName")
        meaning = try reader.string("meaning")
        evaluationSHA256 = try reader.digest("evaluationSHA256")
        protocolID = try reader.string("protocolID")
        protocolVersion = try reader.string("protocolVersion")
        protocolSHA256 = try reader.digest("protocolSHA256")
    }

    /// The stored payload.
    public var data: [String: JSONValue] {
        [
            EventSchema.key: .integer(EventSchema.current),
            "printedName": .string(printedName),
            "meaning": .string(meaning),
            "evaluationSHA256": .string(evaluationSHA256),
            "protocolID": .string(protocolID),
            "protocolVersion": .string(protocolVersion),
            "protocolSHA256": .string(protocolSHA256),
        ]
    }
}
