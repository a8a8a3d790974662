/// Which shell a request came through: the "from where" of the audit trail, recorded as
/// `data.via` on every entry the application writes.
public enum Interface: String, Sendable, Hashable, CaseIterable {
    /// The HTTP service (`screening serve`).
    case http
    /// The command line (`screening record ...`, `screening users ...`, `init`, `demo`).
    case cli
}
