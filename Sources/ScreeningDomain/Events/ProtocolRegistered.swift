public import EventLog
import LogCrypto

/// `protocol.registered` (schema 1): a protocol definition comes into force. An amendment is a
/// later `protocol.registered` of the same protocol id with a new version.
///
/// Payload: `protocolID`, `version`, `sha256` (lowercase hex SHA-256 of the definition's RFC 8785
/// canonical bytes) and `definition` (the whole definition JSON). No subject.
public struct ProtocolRegistered: Sendable, Hashable {
    /// The event type name.
    public static let eventType = "protocol.registered"

    /// The definition now in force.
    public var definition: ProtocolDefinition

    /// Creates the event for `definition`.
    public init(definition: ProtocolDefinition) {
        self.definition = definition
    }

    private static let keys: Set<String> = ["protocolID", "version", "sha256", "definition"]

    /// Decodes a stored payload, checking that the digest matches the definition it names.
    public init(data: [String: JSONValue]) throws(DomainError) {
        let reader = try PayloadReader(data, eventType: Self.eventType, allowedKeys: Self.keys)
        let json = JSONValue.object(try reader.object("definition"))
        let stated = try reader.digest("sha256")
        guard SHA256.hash(json.canonicalBytes()).hex == stated else {
            throw reader.malformed("sha256", "has a digest that does not match its definition")
        }
        definition = try ProtocolDefinition.decode(from: json)
        guard definition.sha256.hex == stated else {
            throw reader.malformed("definition", "has a definition that does not re-encode to its digest")
        }
        guard try reader.string("protocolID") == definition.protocolID,
            try reader.string("version") == definition.version
        else {
            throw reader.malformed("version", "names a protocol id or version its definition does not have")
        }
    }

    /// The stored payload.
    public var data: [String: JSONValue] {
        [
            EventSchema.key: .integer(EventSchema.current),
            "protocolID": .string(definition.protocolID),
            "version": .string(definition.version),
            "sha256": .string(definition.sha256.hex),
            "definition": definition.jsonValue,
        ]
    }
}
