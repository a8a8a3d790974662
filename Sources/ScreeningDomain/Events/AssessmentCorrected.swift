public import EventLog

/// `assessment.corrected` (schema 1): a new value superseding an earlier assessment of the same
/// subject and input. The earlier entry stays in the log and in history; the envelope's `reason`
/// (mandatory) says why.
///
/// Payload: `supersedes` (the seq of the assessment entry replaced) and the `AssessmentFinding` fields.
public struct AssessmentCorrected: Sendable, Hashable {
    /// The event type name.
    public static let eventType = "assessment.corrected"

    /// The seq of the `assessment.recorded` or `assessment.corrected` entry this replaces.
    public var supersedes: Int64
    /// The corrected finding (same input as the one superseded).
    public var finding: AssessmentFinding

    /// Creates the event.
    public init(supersedes: Int64, finding: AssessmentFinding) {
        self.supersedes = supersedes
        self.finding = finding
    }

    /// Decodes a stored payload.
    public init(data: [String: JSONValue]) throws(DomainError) {
        let decoded = try AssessmentFinding.decode(data, eventType: Self.eventType, withSupersedes: true)
        finding = decoded.finding
        supersedes = decoded.supersedes ?? 0
    }

    /// The stored payload.
    public var data: [String: JSONValue] {
        var data: [String: JSONValue] = [
            EventSchema.key: .integer(EventSchema.current), "supersedes": .integer(supersedes),
        ]
        finding.write(into: &data)
        return data
    }
}
