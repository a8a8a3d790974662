import LogCrypto

/// A file in `recovered/` as a `log.recovered` entry records it: which file, its size and its
/// SHA-256 (docs/format.md section 8). Verification checks the file against it at the end.
struct RecordedFile: Sendable, Hashable {
    /// The store-relative path, `recovered/<name>`.
    var path: String
    /// The size recorded, in bytes.
    var bytes: Int64
    /// The SHA-256 recorded.
    var sha256: SHA256Digest
    /// The seq of the `log.recovered` entry.
    var seq: Int64
    /// The `data` member that names the file: `file` or `checkpointsFile`.
    var member: String

    /// Why a `log.recovered` entry does not describe its files as section 8 specifies.
    struct Problem: Error {
        var expected: String
        var found: String
    }

    /// The members of `data` describing one set-aside file: the event bytes, or the tail of
    /// checkpoints.jsonl.
    private static let groups: [(file: String, bytes: String, sha256: String)] = [
        ("file", "bytes", "sha256"),
        ("checkpointsFile", "checkpointsBytes", "checkpointsSha256"),
    ]

    /// The files a `log.recovered` line (already checked as a canonical entry, seq `seq`) records.
    ///
    /// A group is absent when neither its file nor its digest member is present (the writer writes
    /// `bytes: 0` when it set no event bytes aside); otherwise all three members must be valid.
    static func read(_ line: UnsafeRawBufferPointer, seq: Int64) -> Result<[RecordedFile], Problem> {
        let data: [String: JSONValue]
        do {
            data = try LogEntry(line: line).data
        } catch {
            return .failure(Problem(expected: "a format v1 entry", found: error.description))
        }
        var files: [RecordedFile] = []
        for group in groups where data[group.file] != nil || data[group.sha256] != nil {
            guard case .string(let path)? = data[group.file], isRecoveredPath(path) else {
                return .failure(
                    Problem(
                        expected: "data.\(group.file): a path recovered/<name> (one file name, not . or ..)",
                        found: describe(data[group.file])))
            }
            guard case .integer(let bytes)? = data[group.bytes], bytes >= 0 else {
                return .failure(
                    Problem(
                        expected: "data.\(group.bytes): a byte count (an integer, 0 or more)",
                        found: describe(data[group.bytes])))
            }
            guard case .string(let hex)? = data[group.sha256], ASCII.isLowercaseHexDigest(hex.utf8),
                let digest = SHA256Digest(hex: hex)
            else {
                return .failure(
                    Problem(
                        expected: "data.\(group.sha256): 64 lowercase hexadecimal digits",
                        found: describe(data[group.sha256])))
            }
            files.append(RecordedFile(path: path, bytes: bytes, sha256: digest, seq: seq, member: group.file))
        }
        return .success(files)
    }

    /// `recovered/<name>` with a single, ordinary path component, so that the entry can only name
    /// a file inside the store's `recovered/` directory.
    static func isRecoveredPath(_ path: String) -> Bool {
        let prefix = StoreFiles.recovered + "/"
        guard path.hasPrefix(prefix) else { return false }
        let name = path.dropFirst(prefix.count)
        return !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }

    /// The kind of a member's value, in words; never the value itself.
    private static func describe(_ value: JSONValue?) -> String {
        switch value {
        case nil: "no such member"
        case .null?: "null"
        case .bool?: "a Boolean"
        case .integer?: "another integer"
        case .string?: "another string"
        case .array?: "an array"
        case .object?: "an object"
        }
    }
}
