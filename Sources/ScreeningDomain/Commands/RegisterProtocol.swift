/// Register a protocol version: the first one, or an amendment (same protocol id, new version).
public struct RegisterProtocol: Sendable, Hashable {
    /// The definition to bring into force.
    public var definition: ProtocolDefinition
    /// Creates the command.
    public init(definition: ProtocolDefinition) { self.definition = definition }
}
