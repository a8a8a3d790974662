public import LogCrypto

/// A log checkpoint: the body of a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint),
/// committing to the RFC 6962 root of the first `size` entries of the log named `origin`.
public struct Checkpoint: Sendable, Hashable {
    /// The log's identity, e.g. `screening.example/site-01`; non-empty, one line.
    public var origin: String
    /// The number of entries covered.
    public var size: Int64
    /// The RFC 6962 Merkle tree hash of those entries' lines.
    public var rootHash: SHA256Digest

    /// Creates a checkpoint.
    public init(origin: String, size: Int64, rootHash: SHA256Digest) {
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
    }

    /// The note text to sign: `"<origin>\n<size>\n<base64 root>\n"`.
    public var body: String {
        "\(origin)\n\(size)\n\(Base64.encode(rootHash.bytes))\n"
    }

    /// The body of a signed note parsed as a checkpoint (the signature is not checked); nil if the
    /// note has no blank line ending its body or the body is not a checkpoint.
    init?(ofNote note: String) {
        var previous: UInt8 = 0
        for index in note.utf8.indices {
            let byte = note.utf8[index]
            if byte == 0x0A, previous == 0x0A {
                // The body runs through the first of the two line feeds.
                guard let checkpoint = try? Checkpoint(parsingBody: String(note[..<index])) else { return nil }
                self = checkpoint
                return
            }
            previous = byte
        }
        return nil
    }

    /// Parses a checkpoint body: exactly three lines, each ending in `"\n"`: a non-empty origin,
    /// the size in decimal without leading zeros, and the canonical base64 of a 32-byte root.
    /// Extension lines are refused: this log never writes them.
    public init(parsingBody body: String) throws(NoteError) {
        guard body.hasSuffix("\n") else {
            throw NoteError(code: "checkpoint.format", reason: "the body must end with a newline")
        }
        // Without a carriage return, every "\n" byte is a line break of its own (a "\r\n" pair is
        // one Character, which `split` would not break), so the lines can be found in the bytes.
        let utf8 = body.utf8
        let lines: [Substring] =
            if !utf8.contains(0x0D) {
                utf8.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
            } else {
                body.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
            }
        guard lines.count >= 3 else {
            throw NoteError(code: "checkpoint.format", reason: "expected origin, size and root hash lines")
        }
        guard lines.count == 3 else {
            throw NoteError(code: "checkpoint.extension", reason: "extension lines are not used by this log")
        }
        guard !lines[0].isEmpty else { throw NoteError(code: "checkpoint.origin", reason: "the origin is empty") }
        let sizeText = lines[1]
        guard !sizeText.isEmpty, sizeText.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            sizeText == "0" || !sizeText.hasPrefix("0"), let size = Int64(sizeText)
        else {
            throw NoteError(code: "checkpoint.size", reason: "the size must be decimal digits without leading zeros")
        }
        guard let rootBytes = Base64.decode(lines[2]), let rootHash = SHA256Digest(bytes: rootBytes) else {
            throw NoteError(code: "checkpoint.rootHash", reason: "the root hash must be the base64 of 32 bytes")
        }
        self.init(origin: String(lines[0]), size: size, rootHash: rootHash)
    }
}
