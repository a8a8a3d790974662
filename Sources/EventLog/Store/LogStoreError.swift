/// An error from the log store: a stable code, a human reason, and where it arose.
///
/// `location` names a draft field (`drafts[1].actor.id`), a file (`events.jsonl`), or a byte
/// offset in one. Reasons never contain event data, so they are safe to log and to show.
public struct LogStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, dotted identifier for the kind of failure, for example `store.locked`.
    public let code: String
    /// What went wrong, in words, without event data.
    public let reason: String
    /// The draft field, file or byte offset the error refers to, if any.
    public let location: String?

    /// Creates an error.
    public init(code: String, reason: String, location: String? = nil) {
        self.code = code
        self.reason = reason
        self.location = location
    }

    /// `code: reason (at location)`.
    public var description: String {
        if let location { return "\(code): \(reason) (at \(location))" }
        return "\(code): \(reason)"
    }
}

extension LogStoreError {
    /// Another process (or another writer in this process) holds the store's lock.
    public static let lockedCode = "store.locked"
    /// `create` found an existing store.
    public static let existsCode = "store.exists"
    /// `open` found no store.
    public static let notFoundCode = "store.not-found"
    /// The store failed validation at open; run `verify` for a full report.
    public static let corruptCode = "store.corrupt"
    /// A read, write or fsync failed.
    public static let ioCode = "store.io"
    /// An earlier batch failed to become durable; the writer must be reopened.
    public static let poisonedCode = "store.poisoned"
    /// The writer was closed.
    public static let closedCode = "store.closed"
    /// A draft failed validation; `location` names the field.
    public static let invalidDraftCode = "draft.invalid"
    /// The store location is unsafe (for example the secrets directory inside the store).
    public static let locationCode = "store.location"
    /// The signing key file is missing, unreadable, or has unsafe permissions.
    public static let keyFileCode = "key.file"
    /// The signing key does not match the log's verifier key.
    public static let keyMismatchCode = "key.mismatch"

    static func io(_ operation: String, path: String, errno code: Int32) -> LogStoreError {
        LogStoreError(code: ioCode, reason: "\(operation) failed: \(POSIXFile.describe(errno: code))", location: path)
    }

    static func corrupt(_ reason: String, location: String? = nil) -> LogStoreError {
        LogStoreError(
            code: corruptCode,
            reason: reason + "; the store was not opened - run `verify` on it for a full report",
            location: location
        )
    }

    static func invalidDraft(_ reason: String, field: String) -> LogStoreError {
        LogStoreError(code: invalidDraftCode, reason: reason, location: field)
    }
}
