/// The roles the domain's rules name, as the application spells them in `Actor.role`.
///
/// Accounts and login belong to the application; the domain only checks, per command, which
/// roles may act: screening data is written by coordinators and investigators; only
/// investigators sign eligibility, enrol, and attest inputs that need clinical judgement;
/// monitors read and record audit-trail reviews; protocol versions are registered by an
/// administrator, an investigator or the system itself (first start, bundled definitions).
public enum ScreeningRole {
    /// A study coordinator (records screening data).
    public static let coordinator = "coordinator"
    /// An investigator (records data, attests, signs eligibility, enrols).
    public static let investigator = "investigator"
    /// A monitor (reviews the audit trail).
    public static let monitor = "monitor"
    /// An administrator (configures the system).
    public static let admin = "admin"
    /// The system itself, for automatic registrations.
    public static let system = "system"

    /// Roles that may write screening data (registration, consent, assessments, outcomes).
    public static let dataWriters: Set<String> = [coordinator, investigator]
    /// Roles that may register protocol versions.
    public static let protocolRegistrars: Set<String> = [admin, investigator, system]
    /// Roles that may record an audit-trail review.
    public static let auditReviewers: Set<String> = [monitor]
}
