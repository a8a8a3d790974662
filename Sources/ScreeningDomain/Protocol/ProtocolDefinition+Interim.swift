public import EventLog
public import LogCrypto

// Interim signatures so dependent code compiles; replaced by the engine in the following commits.
extension ProtocolDefinition {
    /// The whole definition as JSON (for the protocol.registered event).
    public var jsonValue: JSONValue { fatalError("not yet implemented") }
    /// SHA-256 of `jsonValue.canonicalBytes()`.
    public var sha256: SHA256Digest { fatalError("not yet implemented") }
    /// Decodes and validates a definition from its JSON.
    public static func decode(from json: JSONValue) throws(DomainError) -> ProtocolDefinition { fatalError("not yet implemented") }
    /// Parses and decodes a definition from UTF-8 JSON bytes.
    public static func decode(_ bytes: [UInt8]) throws(DomainError) -> ProtocolDefinition { fatalError("not yet implemented") }
    /// The bundled NCT05827835 definition, version 1.0.
    public static func bundledCD7CART() throws(DomainError) -> ProtocolDefinition { fatalError("not yet implemented") }
    /// The bundled NCT05827835 amendment, version 1.1.
    public static func bundledCD7CARTAmendment() throws(DomainError) -> ProtocolDefinition { fatalError("not yet implemented") }
    /// Checks one observation against its input definition.
    public func validate(_ observation: Observation, screeningDate: LocalDate? = nil) -> DomainError? { fatalError("not yet implemented") }
    /// Evaluates every criterion.
    public func evaluate(_ facts: SubjectFacts) -> EligibilityEvaluation { fatalError("not yet implemented") }
}

extension EligibilityEvaluation {
    /// Canonical JSON of the evaluation.
    public var jsonValue: JSONValue { fatalError("not yet implemented") }
    /// SHA-256 of `jsonValue.canonicalBytes()`.
    public var sha256: SHA256Digest { fatalError("not yet implemented") }
}
