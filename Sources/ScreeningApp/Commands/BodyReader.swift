import EventLog

/// Reads a command's JSON body member by member, naming the field in every error.
struct BodyReader {
    let members: [String: JSONValue]

    init(_ body: JSONValue) throws(AppError) {
        guard case .object(let members) = body else {
            throw .malformed("body.not_object", field: "", "the request body must be a JSON object")
        }
        self.members = members
    }

    /// Throws if the body has members outside `allowed` (catches typos such as `screeningDte`).
    func rejectUnknown(allowed: Set<String>) throws(AppError) {
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw .malformed("field.unknown", field: unknown, "is not a field of this command")
        }
    }

    func string(_ name: String, maxLength: Int = 1024) throws(AppError) -> String {
        guard let value = members[name] else {
            throw .malformed("field.missing", field: name, "is required")
        }
        return try string(value, name: name, maxLength: maxLength)
    }

    func optionalString(_ name: String, maxLength: Int = 1024) throws(AppError) -> String? {
        guard let value = members[name], value != .null else { return nil }
        return try string(value, name: name, maxLength: maxLength)
    }

    func integer(_ name: String) throws(AppError) -> Int64 {
        guard let value = members[name] else {
            throw .malformed("field.missing", field: name, "is required")
        }
        guard case .integer(let number) = value else {
            throw .malformed("field.type", field: name, "must be an integer")
        }
        return number
    }

    func optionalInteger(_ name: String) throws(AppError) -> Int64? {
        guard let value = members[name], value != .null else { return nil }
        guard case .integer(let number) = value else {
            throw .malformed("field.type", field: name, "must be an integer")
        }
        return number
    }

    func bool(_ name: String) throws(AppError) -> Bool {
        guard let value = members[name] else {
            throw .malformed("field.missing", field: name, "is required")
        }
        guard case .bool(let flag) = value else {
            throw .malformed("field.type", field: name, "must be true or false")
        }
        return flag
    }

    func optionalStringArray(_ name: String) throws(AppError) -> [String]? {
        guard let value = members[name], value != .null else { return nil }
        guard case .array(let elements) = value else {
            throw .malformed("field.type", field: name, "must be an array of strings")
        }
        var strings: [String] = []
        for (index, element) in elements.enumerated() {
            strings.append(try string(element, name: "\(name)[\(index)]", maxLength: 256))
        }
        return strings
    }

    private func string(_ value: JSONValue, name: String, maxLength: Int) throws(AppError) -> String {
        guard case .string(let text) = value else {
            throw .malformed("field.type", field: name, "must be a string")
        }
        if text.allSatisfy(\.isWhitespace) {
            throw .invalid("field.empty", field: name, "must not be empty")
        }
        if text.count > maxLength {
            throw .invalid("field.too_long", field: name, "must be at most \(maxLength) characters")
        }
        return text
    }
}
