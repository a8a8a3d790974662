import EventLog

/// Reads members of a request's JSON object, naming the member in every refusal.
enum JSONFields {
    /// The string member `name` of `object`.
    ///
    /// - Throws: 400 `field.missing` or `field.type`, field `name`.
    static func requiredString(_ name: String, in object: JSONValue) throws(Problem) -> String {
        guard let value = object[name], value != .null else {
            throw Problem.malformed("field.missing", field: name, "the member '\(name)' is required")
        }
        guard case .string(let string) = value else {
            throw Problem.malformed("field.type", field: name, "the member '\(name)' must be a string")
        }
        return string
    }
}
