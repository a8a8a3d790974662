public import LogCrypto

extension LogEntry {
    /// The entry's line: the JCS (RFC 8785) bytes of `jsonValue`, without the trailing `"\n"`.
    ///
    /// Written directly in canonical key order (actor, at, data, prev, reason, seq, subject, type, v)
    /// into one buffer; equal to `jsonValue.canonicalBytes()`.
    public func canonicalLine() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(512)
        appendCanonicalLine(to: &buffer)
        return buffer
    }

    /// Appends the canonical line (without `"\n"`) to `buffer`.
    public func appendCanonicalLine(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: #"{"actor":{"id":"#.utf8)
        JCSWriter.writeString(actor.id, into: &buffer)
        buffer.append(contentsOf: #","name":"#.utf8)
        JCSWriter.writeString(actor.name, into: &buffer)
        buffer.append(contentsOf: #","role":"#.utf8)
        JCSWriter.writeString(actor.role, into: &buffer)
        buffer.append(contentsOf: #"},"at":""#.utf8)
        at.appendFormatted(to: &buffer)
        buffer.append(contentsOf: #"","data":"#.utf8)
        JCSWriter.writeObject(data, into: &buffer)
        buffer.append(contentsOf: #","prev":""#.utf8)
        JCSWriter.appendHex(prev, to: &buffer)
        buffer.append(UInt8(ascii: "\""))
        if let reason {
            buffer.append(contentsOf: #","reason":"#.utf8)
            JCSWriter.writeString(reason, into: &buffer)
        }
        buffer.append(contentsOf: #","seq":"#.utf8)
        JCSWriter.writeInteger(seq, into: &buffer)
        if let subject {
            buffer.append(contentsOf: #","subject":"#.utf8)
            JCSWriter.writeString(subject, into: &buffer)
        }
        buffer.append(contentsOf: #","type":"#.utf8)
        JCSWriter.writeString(type, into: &buffer)
        buffer.append(contentsOf: #","v":"#.utf8)
        JCSWriter.writeInteger(Int64(Self.formatVersion), into: &buffer)
        buffer.append(UInt8(ascii: "}"))
    }

    /// The RFC 6962 leaf hash of the canonical line: SHA-256(0x00 || line). The next entry's `prev`.
    public var entryHash: SHA256Digest {
        Merkle.leafHash(canonicalLine())
    }

    /// Parses one line (without its `"\n"`) and checks it as `init(json:)` does.
    ///
    /// Does not require the line to be canonical; a verifier compares `canonicalLine()` with the
    /// bytes read to detect non-canonical (re-serialised) lines.
    public init(line: some Collection<UInt8>) throws(EntryFormatError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            throw EntryFormatError(code: "entry.json", field: nil, reason: error.reason, offset: error.offset)
        }
        try self.init(json: value)
    }
}
