import EventLog

/// Reads one event payload (`data`) by hand: typed fields, a precise error naming the field,
/// and no unknown fields (a stored payload holds exactly what its schema lists, so nothing
/// identifying can ride along unnoticed).
struct PayloadReader {
    private enum Members {
        case dictionary([String: JSONValue])
        /// The payload's bytes, and the members of another layer to treat as absent.
        case bytes(RawJSONObject, ignoring: Set<String>)
    }

    private let members: Members
    let eventType: String

    /// Checks the `schema` field and that every key is one the schema knows.
    init(_ data: [String: JSONValue], eventType: String, allowedKeys: Set<String>) throws(DomainError) {
        self.members = .dictionary(data)
        self.eventType = eventType
        try EventSchema.check(data[EventSchema.key], eventType: eventType)
        for key in data.keys where key != EventSchema.key && !allowedKeys.contains(key) {
            throw malformed(key, "has a field its schema does not define")
        }
    }

    /// The same checks over a payload held as bytes, skipping the members named in `ignoring`;
    /// fields are then read from the bytes one by one (no dictionary).
    init(_ raw: RawJSONObject, ignoring: Set<String>, eventType: String, allowedKeys: Set<String>) throws(DomainError) {
        self.members = .bytes(raw, ignoring: ignoring)
        self.eventType = eventType
        try EventSchema.check(raw.member(EventSchema.key), eventType: eventType)
        let unknown: String? = raw.withMembers { reader in
            while let key = reader.nextKey() {
                if !key.equals("schema") && !key.isOne(of: allowedKeys) && !key.isOne(of: ignoring) {
                    return key.string
                }
            }
            return nil
        }
        if let unknown { throw malformed(unknown, "has a field its schema does not define") }
    }

    /// The member `key`, nil when absent.
    private func value(_ key: String) -> JSONValue? {
        switch members {
        case .dictionary(let data): data[key]
        case .bytes(let raw, let ignoring): ignoring.contains(key) ? nil : raw.member(key)
        }
    }

    func string(_ key: String) throws(DomainError) -> String {
        guard let value = value(key) else { throw malformed(key, "lacks a required field") }
        guard case .string(let text) = value else { throw malformed(key, "has a field that is not a string") }
        return text
    }

    func optionalString(_ key: String) throws(DomainError) -> String? {
        guard let value = value(key), value != .null else { return nil }
        guard case .string(let text) = value else { throw malformed(key, "has a field that is not a string") }
        return text
    }

    func integer(_ key: String) throws(DomainError) -> Int64 {
        guard case .integer(let number)? = value(key) else { throw malformed(key, "lacks an integer field") }
        return number
    }

    func optionalInteger(_ key: String) throws(DomainError) -> Int64? {
        guard let value = value(key), value != .null else { return nil }
        guard case .integer(let number) = value else { throw malformed(key, "has a field that is not an integer") }
        return number
    }

    func date(_ key: String) throws(DomainError) -> LocalDate {
        guard let date = LocalDate(iso: try string(key)) else {
            throw malformed(key, "has a date not in YYYY-MM-DD form")
        }
        return date
    }

    func optionalDate(_ key: String) throws(DomainError) -> LocalDate? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = LocalDate(iso: text) else { throw malformed(key, "has a date not in YYYY-MM-DD form") }
        return date
    }

    func digest(_ key: String) throws(DomainError) -> String {
        let text = try string(key)
        guard SHA256Hex.isValid(text) else { throw malformed(key, "has a digest that is not 64 lowercase hex digits") }
        return text
    }

    func stringArray(_ key: String) throws(DomainError) -> [String] {
        guard case .array(let items)? = value(key) else { throw malformed(key, "lacks an array field") }
        var strings: [String] = []
        strings.reserveCapacity(items.count)
        for item in items {
            guard case .string(let text) = item else {
                throw malformed(key, "has an array element that is not a string")
            }
            strings.append(text)
        }
        return strings
    }

    func object(_ key: String) throws(DomainError) -> [String: JSONValue] {
        guard case .object(let members)? = value(key) else { throw malformed(key, "lacks an object field") }
        return members
    }

    func malformed(_ key: String, _ problem: String) -> DomainError {
        DomainError(code: "event.malformed", field: key, reason: "A \(eventType) event \(problem).")
    }
}

/// The payload version every screening event carries in its `schema` field.
///
/// Payloads are the storage format: a field is never renamed or given a new meaning. A change
/// that old readers cannot ignore gets a new schema number, and readers keep decoding the old one.
public enum EventSchema {
    /// The payload field holding the version.
    public static let key = "schema"
    /// The version this software writes (and the only one it has ever written).
    public static let current: Int64 = 1

    /// Checks a payload's `schema` member: present, and a version this software reads.
    static func check(_ schema: JSONValue?, eventType: String) throws(DomainError) {
        guard let schema else {
            throw DomainError(
                code: "event.malformed", field: key, reason: "A \(eventType) event has no schema version.")
        }
        guard schema == .integer(current) else {
            throw DomainError(
                code: "event.schema_unsupported", field: key,
                reason: "A \(eventType) event has a schema version this software does not read.")
        }
    }
}

/// Lowercase hex SHA-256 strings, as events store digests.
enum SHA256Hex {
    static func isValid(_ text: String) -> Bool {
        var text = text
        // Over the contiguous bytes: the UTF8View's iterator costs some 50 instructions a byte.
        return text.withUTF8 { bytes in
            bytes.count == 64
                && bytes.allSatisfy {
                    ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                        || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f"))
                }
        }
    }
}
