/// Something an auditor should know that does not make the store broken.
///
/// Like failures, warnings never quote entry data.
public struct VerificationWarning: Sendable, Hashable {
    /// What kind of finding: a stable code for programs (`rawValue`), listed in docs/format.md.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A file in `recovered/` that no `log.recovered` entry names. The writer moves bytes aside
        /// before it appends the entry, so a crash between the two leaves such a file; it is not
        /// part of the log and nothing vouches for it.
        case recoveredUnnamed = "recovered.unnamed"
        /// A `log.recovered` entry names a file that is not in `recovered/` (the directory is
        /// optional in what an auditor receives, so this is not an integrity failure).
        case recoveredAbsent = "recovered.absent"
    }

    /// The kind of finding.
    public var code: Code
    /// The store-relative path concerned, e.g. `recovered/<name>`.
    public var file: String
    /// The seq of the entry concerned, if any.
    public var seq: Int64?
    /// One sentence for the auditor.
    public var message: String

    /// Creates a warning.
    public init(code: Code, file: String, seq: Int64? = nil, message: String) {
        self.code = code
        self.file = file
        self.seq = seq
        self.message = message
    }
}
