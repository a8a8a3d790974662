import EventLog

/// Prints a JSON value indented for reading (keys sorted), for `--json`.
enum JSONPrinter {
    static func string(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .array(let elements):
            if elements.isEmpty { return "[]" }
            return "[\n" + elements.map { inner + string($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n"
                + members.keys.sorted().map { key in
                    inner + JSONValue.string(key).canonicalString + ": " + string(members[key]!, indent: inner)
                }.joined(separator: ",\n") + "\n" + indent + "}"
        default:
            return value.canonicalString
        }
    }

    static func print(_ value: JSONValue) {
        Swift.print(string(value))
    }
}
