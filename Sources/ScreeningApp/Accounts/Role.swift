/// A user's one role. Stored in the log as its raw value (`actor.role`, `data.role`).
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    /// Registers subjects, records consent and assessments, corrects, screen-fails.
    case coordinator
    /// Everything a coordinator does, plus signs eligibility and enrols.
    case investigator
    /// Reads everything, runs verify, records audit-trail reviews; writes no screening data.
    case monitor
    /// Manages accounts; writes no screening data and cannot sign.
    case admin
}
