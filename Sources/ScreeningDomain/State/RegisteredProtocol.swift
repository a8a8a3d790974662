public import EventLog

/// A protocol version as registered in the log: the definition and the entry that registered it.
public struct RegisteredProtocol: Sendable, Hashable {
    /// The definition.
    public var definition: ProtocolDefinition
    /// The seq of its `protocol.registered` entry.
    public var seq: Int64
    /// When it came into force (the entry's `at`, UTC).
    public var at: Timestamp

    /// Creates a record.
    public init(definition: ProtocolDefinition, seq: Int64, at: Timestamp) {
        self.definition = definition
        self.seq = seq
        self.at = at
    }
}
