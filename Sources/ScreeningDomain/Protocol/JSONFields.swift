import EventLog

/// Reads the members of one JSON object of a protocol definition, strictly: every member must be
/// read (unknown members are errors, so a definition re-encodes to exactly the JSON it came from).
struct JSONFields {
    private let members: [String: JSONValue]
    private let path: String
    private var read: Set<String> = []

    init(_ json: JSONValue, at path: String) throws(DomainError) {
        guard case .object(let members) = json else {
            throw DomainError.definition("definition.wrong_type", at: path, "Expected a JSON object.")
        }
        self.members = members
        self.path = path
    }

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    mutating func optionalValue(_ key: String) -> JSONValue? {
        read.insert(key)
        return members[key]
    }

    mutating func value(_ key: String) throws(DomainError) -> JSONValue {
        guard let value = optionalValue(key) else {
            throw DomainError.definition("definition.missing_field", at: path(key), "A required member is missing.")
        }
        return value
    }

    mutating func string(_ key: String) throws(DomainError) -> String {
        guard case .string(let text) = try value(key) else { throw wrongType(key, "a string") }
        return text
    }

    mutating func optionalString(_ key: String) throws(DomainError) -> String? {
        guard optionalValue(key) != nil else { return nil }
        return try string(key)
    }

    mutating func integer(_ key: String) throws(DomainError) -> Int {
        guard case .integer(let number) = try value(key) else { throw wrongType(key, "an integer") }
        return Int(number)
    }

    mutating func optionalInteger(_ key: String) throws(DomainError) -> Int? {
        guard optionalValue(key) != nil else { return nil }
        return try integer(key)
    }

    mutating func bool(_ key: String) throws(DomainError) -> Bool {
        guard case .bool(let flag) = try value(key) else { throw wrongType(key, "true or false") }
        return flag
    }

    mutating func optionalBool(_ key: String) throws(DomainError) -> Bool? {
        guard optionalValue(key) != nil else { return nil }
        return try bool(key)
    }

    /// A decimal written as a canonical decimal string ("2.5", never 2.5 or "2.50").
    mutating func decimal(_ key: String) throws(DomainError) -> DecimalValue {
        let text = try string(key)
        guard let number = DecimalValue(text), number.description == text else {
            throw DomainError.definition(
                "definition.invalid_decimal", at: path(key), "Expected a canonical decimal string such as \"2.5\".")
        }
        return number
    }

    mutating func optionalDecimal(_ key: String) throws(DomainError) -> DecimalValue? {
        guard optionalValue(key) != nil else { return nil }
        return try decimal(key)
    }

    mutating func array(_ key: String) throws(DomainError) -> [JSONValue] {
        guard case .array(let elements) = try value(key) else { throw wrongType(key, "an array") }
        return elements
    }

    mutating func strings(_ key: String) throws(DomainError) -> [String] {
        var result: [String] = []
        for (index, element) in try array(key).enumerated() {
            guard case .string(let text) = element else {
                throw DomainError.definition(
                    "definition.wrong_type", at: "\(path(key))[\(index)]", "Expected a string.")
            }
            result.append(text)
        }
        return result
    }

    mutating func optionalStrings(_ key: String) throws(DomainError) -> [String]? {
        guard optionalValue(key) != nil else { return nil }
        return try strings(key)
    }

    /// A string that must be one of a raw-value enum's cases.
    mutating func enumeration<T: RawRepresentable<String>>(_ key: String, as type: T.Type) throws(DomainError) -> T {
        let text = try string(key)
        guard let result = T(rawValue: text) else {
            throw DomainError.definition("definition.invalid_value", at: path(key), "Not one of the allowed values.")
        }
        return result
    }

    /// Fails when the object has members nobody read.
    func finish() throws(DomainError) {
        if let unknown = members.keys.filter({ !read.contains($0) }).sorted().first {
            throw DomainError.definition(
                "definition.unknown_field", at: path(unknown), "This member is not part of the definition format.")
        }
    }

    private func wrongType(_ key: String, _ expected: String) -> DomainError {
        DomainError.definition("definition.wrong_type", at: path(key), "Expected \(expected).")
    }
}

/// Builds a JSON object, leaving out absent optional members.
struct JSONObjectBuilder {
    private(set) var members: [String: JSONValue] = [:]

    subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    mutating func set(_ key: String, _ text: String?) {
        if let text { members[key] = .string(text) }
    }

    mutating func set(_ key: String, _ number: DecimalValue?) {
        if let number { members[key] = .string(number.description) }
    }

    mutating func set(_ key: String, _ number: Int?) {
        if let number { members[key] = .integer(Int64(number)) }
    }

    mutating func set(_ key: String, _ flag: Bool?) {
        if let flag { members[key] = .bool(flag) }
    }

    mutating func set(_ key: String, _ texts: [String]?) {
        if let texts { members[key] = .array(texts.map(JSONValue.string)) }
    }

    var json: JSONValue { .object(members) }
}

extension DomainError {
    /// An error in a protocol definition at a JSON path.
    static func definition(_ code: String, at path: String, _ reason: String) -> DomainError {
        DomainError(code: code, field: path.isEmpty ? nil : path, reason: reason)
    }
}
