/// Enrol the subject.
public struct EnrolSubject: Sendable, Hashable {
    /// The screening number.
    public var subject: String
    /// Creates the command.
    public init(subject: String) { self.subject = subject }
}
