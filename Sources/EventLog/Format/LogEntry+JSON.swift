import LogCrypto

extension LogEntry {
    /// The event object, with `"v": 1`; optional fields that are `nil` are omitted.
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "v": .integer(Int64(Self.formatVersion)),
            "seq": .integer(seq),
            "prev": .string(prev.hex),
            "at": .string(at.formatted),
            "type": .string(type),
            "actor": .object(["id": .string(actor.id), "name": .string(actor.name), "role": .string(actor.role)]),
            "data": .object(data),
        ]
        if let subject { object["subject"] = .string(subject) }
        if let reason { object["reason"] = .string(reason) }
        return .object(object)
    }

    /// Reads an event object, checking every field's presence, type and value (see `checkFormat()`)
    /// and rejecting unknown fields. The error names the field and says what is wrong with it.
    public init(json: JSONValue) throws(EntryFormatError) {
        guard case .object(let object) = json else {
            throw EntryFormatError(code: "entry.wrongType", field: nil, reason: "an entry must be a JSON object")
        }
        var fields = EntryFields()
        for (key, value) in object where !fields.set(key, value) {
            fields.noteUnknown(key)
        }
        try self.init(fields: fields)
    }

    /// Builds and checks an entry from its top-level members.
    init(fields: EntryFields) throws(EntryFormatError) {
        guard fields.notAnObject == nil else {
            throw EntryFormatError(code: "entry.wrongType", field: nil, reason: "an entry must be a JSON object")
        }
        if let unknown = fields.firstUnknown {
            throw EntryFormatError(code: "entry.unknownField", field: unknown, reason: "not a field of format v1")
        }
        let version = try Self.integer(fields.v, "v")
        guard version == Int64(Self.formatVersion) else {
            throw .invalid("v", "unsupported format version (this reader knows version \(Self.formatVersion))")
        }
        let prevHex = try Self.string(fields.prev, "prev")
        guard let prev = Self.digest(lowercaseHex: prevHex) else {
            throw .invalid("prev", "expected 64 lowercase hexadecimal digits")
        }
        guard let at = Timestamp(formatted: try Self.string(fields.at, "at")) else {
            throw .invalid("at", "expected a UTC time formatted YYYY-MM-DDTHH:MM:SS.ffffffZ")
        }
        guard case .object(let actorObject)? = fields.actor else {
            throw fields.actor == nil ? .missing("actor") : .wrongType("actor", expected: "an object")
        }
        if let unknown = actorObject.keys.filter({ !["id", "name", "role"].contains($0) }).min() {
            throw EntryFormatError(
                code: "entry.unknownField", field: "actor." + unknown, reason: "an actor has only id, name and role")
        }
        let actor = Actor(
            id: try Self.string(actorObject["id"], "actor.id"),
            name: try Self.string(actorObject["name"], "actor.name"),
            role: try Self.string(actorObject["role"], "actor.role"))
        guard case .object(let data)? = fields.data else {
            throw fields.data == nil ? .missing("data") : .wrongType("data", expected: "an object")
        }
        self.init(
            seq: try Self.integer(fields.seq, "seq"), prev: prev, at: at, type: try Self.string(fields.type, "type"),
            actor: actor, data: data,
            subject: try Self.optionalString(fields.subject, "subject"),
            reason: try Self.optionalString(fields.reason, "reason"))
        try checkFormat()
    }

    /// Checks the values a writer is about to store: `seq` ≥ 0; `at` within years 0000...9999;
    /// `type` a dotted name (segments of ASCII letters, digits, `_` or `-`, separated by `.`);
    /// actor id, name and role non-empty; `subject` and `reason` non-empty when present; every
    /// integer in `data` within ±(2^53−1).
    public func checkFormat() throws(EntryFormatError) {
        try checkEnvelope()
        // A payload held as bytes was range-checked when it was scanned.
        guard case .parsed(let data) = payload else { return }
        // The allocation-free scan first; the field path is built only for an error.
        for (key, value) in data where !Self.integersInRange(value) {
            try Self.checkIntegers(value, path: "data." + key)
        }
    }

    /// `checkFormat()` without the payload.
    func checkEnvelope() throws(EntryFormatError) {
        guard seq >= 0 else { throw .invalid("seq", "must be 0 or greater") }
        guard at.isFormattable else { throw .invalid("at", "must lie in years 0000 to 9999") }
        guard ASCII.isDottedName(type.utf8) else {
            throw .invalid("type", "must be a dotted name: segments of letters, digits, '_' or '-' joined by '.'")
        }
        for (path, value) in [("actor.id", actor.id), ("actor.name", actor.name), ("actor.role", actor.role)]
        where value.isEmpty {
            throw .invalid(path, "must not be empty")
        }
        if subject?.isEmpty == true { throw .invalid("subject", "must not be empty; omit it instead") }
        if reason?.isEmpty == true { throw .invalid("reason", "must not be empty; omit it instead") }
    }

    /// True when every integer inside `value` lies within ±(2^53−1).
    private static func integersInRange(_ value: JSONValue) -> Bool {
        switch value {
        case .integer(let number): number.magnitude <= JSONValue.maxSafeInteger.magnitude
        case .array(let elements): elements.allSatisfy(integersInRange)
        case .object(let members): members.values.allSatisfy(integersInRange)
        default: true
        }
    }

    private static func checkIntegers(_ value: JSONValue, path: String) throws(EntryFormatError) {
        switch value {
        case .integer(let number) where number.magnitude > JSONValue.maxSafeInteger.magnitude:
            throw .invalid(path, "integer beyond ±(2^53−1); write large or decimal numbers as strings")
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                try checkIntegers(element, path: "\(path)[\(index)]")
            }
        case .object(let members):
            for (key, member) in members {
                try checkIntegers(member, path: path + "." + key)
            }
        default:
            break
        }
    }

    /// The digest written as exactly 64 lowercase hex digits (the only form format v1 writes).
    private static func digest(lowercaseHex text: String) -> SHA256Digest? {
        ASCII.isLowercaseHexDigest(text.utf8) ? SHA256Digest(hex: text) : nil
    }

    private static func string(_ value: JSONValue?, _ path: String) throws(EntryFormatError) -> String {
        switch value {
        case .string(let value)?: return value
        case nil: throw .missing(path)
        default: throw .wrongType(path, expected: "a string")
        }
    }

    private static func optionalString(_ value: JSONValue?, _ key: String) throws(EntryFormatError) -> String? {
        switch value {
        case .string(let value)?: return value
        case nil: return nil
        case .null?: throw .wrongType(key, expected: "a string; omit the field instead of null")
        default: throw .wrongType(key, expected: "a string")
        }
    }

    private static func integer(_ value: JSONValue?, _ key: String) throws(EntryFormatError) -> Int64 {
        switch value {
        case .integer(let value)?: return value
        case nil: throw .missing(key)
        default: throw .wrongType(key, expected: "an integer")
        }
    }
}
