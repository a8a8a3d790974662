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

    /// Parses one line (without its `"\n"`) and checks it as `init(json:)` does, with the same
    /// errors; a line that is not JSON is `entry.json` with the byte offset.
    ///
    /// Does not require the line to be canonical; the verifier (`StoreVerifier`) does. A compact
    /// line keeps its payload as validated bytes (see `LogEntryDecoder`, `rawData`).
    public init(line: some Collection<UInt8>) throws(EntryFormatError) {
        var decoder = LogEntryDecoder()
        let decoded = line.withContiguousStorageIfAvailable { decoder.fastDecode($0) }
        if let entry = decoded ?? nil {
            self = entry
            return
        }
        try self.init(strictLine: line)
    }

    /// `init(line:)` through the strict parser only: the payload always becomes a dictionary.
    init(strictLine line: some Collection<UInt8>) throws(EntryFormatError) {
        let fields: Result<EntryFields, JSONParseError>? = line.withContiguousStorageIfAvailable { buffer in
            var parser = JSONParser(buffer)
            return Result { () throws(JSONParseError) in try parser.parseEntryFields() }
        }
        let result =
            fields
            ?? Array(line).withUnsafeBufferPointer { buffer in
                var parser = JSONParser(buffer)
                return Result { () throws(JSONParseError) in try parser.parseEntryFields() }
            }
        switch result {
        case .success(let fields):
            try self.init(fields: fields)
        case .failure(let error):
            throw EntryFormatError(code: "entry.json", field: nil, reason: error.reason, offset: error.offset)
        }
    }
}

extension JSONParser {
    /// Parses a whole line as one JSON value; if it is an object, its members go into slots
    /// (no dictionary for the top level). A non-object value comes back as an unknown-shaped
    /// entry via `EntryFields.nonObject`.
    mutating func parseEntryFields() throws(JSONParseError) -> EntryFields {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else {
            // Not an object: parse it fully for JSON errors, then report the wrong type.
            let value = try parseDocument()
            var fields = EntryFields()
            fields.notAnObject = value
            return fields
        }
        try enterContainer()
        try expect(UInt8(ascii: "{"), "'{'")
        var fields = EntryFields()
        var unknownKeys: Set<String> = []
        if consume(UInt8(ascii: "}")) {
            depth -= 1
            try expectEnd()
            return fields
        }
        repeat {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error("json.syntax", "expected a string key") }
            let keyOffset = position
            let key = try parseString()
            try expect(UInt8(ascii: ":"), "':' after an object key")
            skipWhitespace()
            let value = try parseValue()
            if fields.has(key) || unknownKeys.contains(key) {
                throw JSONParseError(code: "json.duplicateKey", reason: "duplicate object key", offset: keyOffset)
            }
            if !fields.set(key, value) {
                unknownKeys.insert(key)
                fields.noteUnknown(key)
            }
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"), "',' or '}' in an object")
        depth -= 1
        try expectEnd()
        return fields
    }
}
