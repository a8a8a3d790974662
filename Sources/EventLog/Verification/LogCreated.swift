/// What the first entry, `log.created`, declares: the log's origin and the key that signs its
/// checkpoints (and, checked but not kept, `formatVersion` 1).
struct LogCreated: Sendable {
    /// `data.origin`: the checkpoint origin line, unique to this log.
    var origin: String
    /// `data.verifierKey`: the C2SP note verifier key whose name is the origin.
    var verifierKey: NoteVerifierKey

    /// Why line 1 is not a usable `log.created` entry.
    struct Problem: Error {
        var expected: String
        var found: String
        var message: String
    }

    /// Reads line 1 (already checked as a canonical entry) as `log.created`.
    static func read(_ line: UnsafeRawBufferPointer, isLogCreated: Bool) -> Result<LogCreated, Problem> {
        guard isLogCreated else {
            return .failure(
                Problem(
                    expected: "type log.created", found: "another type",
                    message: "The first entry of a log is log.created, which names its origin and key."))
        }
        let entry: LogEntry
        do {
            entry = try LogEntry(line: line)
        } catch {
            return .failure(
                Problem(expected: "a format v1 entry", found: error.description, message: "Line 1 is not an entry."))
        }
        guard case .string(let origin)? = entry.data["origin"], !origin.isEmpty else {
            return .failure(
                Problem(
                    expected: "data.origin, a non-empty string", found: "no such string",
                    message: "log.created must name the log's origin."))
        }
        guard case .string(let keyText)? = entry.data["verifierKey"] else {
            return .failure(
                Problem(
                    expected: "data.verifierKey, a string", found: "no such string",
                    message: "log.created must record the checkpoint verifier key."))
        }
        let key: NoteVerifierKey
        do {
            key = try NoteVerifierKey(parsing: keyText)
        } catch {
            return .failure(
                Problem(
                    expected: "a note verifier key <name>+<8 hex>+<base64>", found: "\(error)",
                    message: "data.verifierKey is not a C2SP signed-note verifier key."))
        }
        guard key.name == origin else {
            return .failure(
                Problem(
                    expected: "a verifier key named \(origin)", found: "a key named \(key.name)",
                    message: "The checkpoint key's name must be the log's origin."))
        }
        // The writer always records the format version; a reader accepts its absence, since every
        // entry's `v` states the version too, but never another value.
        if let version = entry.data["formatVersion"], version != .integer(Int64(LogEntry.formatVersion)) {
            let found: String
            if case .integer(let number) = version {
                found = "formatVersion \(number)"
            } else {
                found = "not an integer"
            }
            return .failure(
                Problem(
                    expected: "data.formatVersion 1 (or absent)", found: found,
                    message: "log.created declares a format version this verifier does not read."))
        }
        return .success(LogCreated(origin: origin, verifierKey: key))
    }
}
