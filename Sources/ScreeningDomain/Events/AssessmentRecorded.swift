public import EventLog

/// `assessment.recorded` (schema 1): a value for one protocol input. For an investigator
/// attestation the value is the answer and the attester is the entry's actor. A later
/// observation of the same input (a repeat lab, strictly later `observedOn`) becomes the current
/// value; any other change is an `assessment.corrected` with a reason.
///
/// Payload: the `AssessmentFinding` fields `input`, `value`, and where they apply `unit`, `uln`,
/// `observedOn`, `method`, `methodInputs`, `sourceDocument`.
public struct AssessmentRecorded: Sendable, Hashable {
    /// The event type name.
    public static let eventType = "assessment.recorded"

    /// What was recorded.
    public var finding: AssessmentFinding

    /// Creates the event.
    public init(finding: AssessmentFinding) {
        self.finding = finding
    }

    /// Decodes a stored payload.
    public init(data: [String: JSONValue]) throws(DomainError) {
        finding = try AssessmentFinding.decode(data, eventType: Self.eventType, withSupersedes: false).finding
    }

    /// The stored payload.
    public var data: [String: JSONValue] {
        var data: [String: JSONValue] = [EventSchema.key: .integer(EventSchema.current)]
        finding.write(into: &data)
        return data
    }
}
