/// What a caller asks the writer to append. The writer adds `v`, `seq`, `prev` and `at`.
public struct EventDraft: Sendable, Hashable {
    /// The event type, a dotted name such as `subject.screened` (see ``EventDraft/typePattern``).
    public var type: String
    /// Who acted.
    public var actor: Actor
    /// The screening number (or other record key) the event is about, if any.
    public var subject: String?
    /// The event's payload. Integers only; decimals travel as strings.
    public var data: [String: JSONValue]
    /// Why the change was made, when the audit trail requires a reason.
    public var reason: String?

    /// Creates a draft.
    public init(
        type: String,
        actor: Actor,
        subject: String? = nil,
        data: [String: JSONValue] = [:],
        reason: String? = nil
    ) {
        self.type = type
        self.actor = actor
        self.subject = subject
        self.data = data
        self.reason = reason
    }
}
