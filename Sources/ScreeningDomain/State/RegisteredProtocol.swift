public import EventLog
public import LogCrypto

/// A protocol version as registered in the log: the definition, its digest and the entry that
/// registered it.
public struct RegisteredProtocol: Sendable, Hashable {
    /// The definition.
    public var definition: ProtocolDefinition {
        didSet { sha256 = definition.sha256 }
    }
    /// The definition's SHA-256 (`definition.sha256`), computed once when the version is
    /// registered rather than on every evaluation: encoding and hashing the whole definition
    /// would otherwise be a large share of each evaluation's cost.
    public private(set) var sha256: SHA256Digest
    /// The seq of its `protocol.registered` entry.
    public var seq: Int64
    /// When it came into force (the entry's `at`, UTC).
    public var at: Timestamp

    /// Creates a record.
    public init(definition: ProtocolDefinition, seq: Int64, at: Timestamp) {
        self.definition = definition
        self.sha256 = definition.sha256
        self.seq = seq
        self.at = at
    }

    /// Evaluates `facts` under this version: the same as `definition.evaluate(facts)`, without
    /// re-hashing the definition.
    public func evaluate(_ facts: SubjectFacts) -> EligibilityEvaluation {
        definition.evaluate(facts, protocolSHA256: sha256)
    }
}
