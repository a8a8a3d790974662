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

    private static let keys: Set<String> = AssessmentFinding.keys.union(["supersedes"])

    /// Decodes a stored payload.
    public init(data: [String: JSONValue]) throws(DomainError) {
        let reader = try PayloadReader(data, eventType: Self.eventType, allowedKeys: Self.keys)
        supersedes = try reader.integer("supersedes")
        finding = try AssessmentFinding(reading: reader)
    }

    /// The stored payload.
    public var data: [String: JSONValue] {
        var data: [String: JSONValue] = [EventSchema.key: .integer(EventSchema.current), "supersedes": .integer(supersedes)]
        finding.write(into: &data)
        return data
    }
}
