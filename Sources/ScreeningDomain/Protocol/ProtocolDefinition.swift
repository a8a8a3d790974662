/// One version of a trial's eligibility criteria, as data: the inputs recorded and the criteria.
///
/// Loaded from a JSON file shipped in the package (`Resources/protocols/<id>-v<version>.json`);
/// a new trial or an amendment is a new file, never new code.
public struct ProtocolDefinition: Sendable, Hashable {
    /// The registry id (`NCT05827835`).
    public var protocolID: String
    /// The version; an amendment is a later version.
    public var version: String
    /// The trial's title.
    public var title: String
    /// The sponsor.
    public var sponsor: String?
    /// Where the criteria text was copied from (registry and date).
    public var source: String?
    /// The version this one amends, if it is an amendment.
    public var supersedes: String?
    /// What the amendment changed and why.
    public var amendmentNote: String?
    /// The inputs, in form order.
    public var inputs: [InputDefinition]
    /// The criteria, inclusions then exclusions, in registry order.
    public var criteria: [Criterion]

    /// Creates a definition without validating it (use `decode` to validate).
    public init(
        protocolID: String, version: String, title: String, sponsor: String? = nil, source: String? = nil,
        supersedes: String? = nil, amendmentNote: String? = nil, inputs: [InputDefinition], criteria: [Criterion]
    ) {
        self.protocolID = protocolID
        self.version = version
        self.title = title
        self.sponsor = sponsor
        self.source = source
        self.supersedes = supersedes
        self.amendmentNote = amendmentNote
        self.inputs = inputs
        self.criteria = criteria
    }

    /// The input with this id.
    public func input(_ id: String) -> InputDefinition? {
        inputs.first { $0.id == id }
    }
}
