/// The limits the writer enforces on drafts before staging them.
enum DraftLimits {
    /// The largest encoded line (without its "\n"): 1 MiB.
    static let maxLineBytes = 1 << 20
    /// The largest string anywhere in an event (UTF-8 bytes): 64 KiB.
    static let maxStringBytes = 64 << 10
    /// The largest `type`, actor field, subject or object key (UTF-8 bytes).
    static let maxNameBytes = 256
    /// The deepest nesting of arrays and objects in `data`.
    static let maxDepth = 32
    /// Event types that only the writer itself may append (`log.created`, `log.recovered`).
    static let reservedTypePrefix = "log."
}
