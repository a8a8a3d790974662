import EventLog

/// The one-line readable account of an entry's data shown in the audit trail.
///
/// Account events name the account and what changed; exports name what was exported; other
/// entries list their payload members. The application's envelope (`via`, and the `request`
/// fingerprint) is never shown, nor is the log's key material.
enum AuditTrailSummary {
    /// Members never shown: the envelope (reported separately or not at all) and key text.
    static let hidden: Set<String> = ["via", "request", "verifierKey"]
    /// The longest rendering of one nested value before it is cut.
    static let maxValueLength = 160

    static func summary(of entry: LogEntry) -> String {
        let data = entry.data
        let user = data["userID"]?.stringValue ?? "?"
        switch entry.type {
        case "user.created":
            return "account \(user) created (\(data["name"]?.stringValue ?? "?"), role \(data["role"]?.stringValue ?? "?"))"
        case "user.role_changed":
            return "account \(user) role \(data["previousRole"]?.stringValue ?? "?") -> \(data["role"]?.stringValue ?? "?")"
        case "user.deactivated": return "account \(user) deactivated"
        case "user.password_reset": return "password of account \(user) reset"
        case "user.login": return "\(user) logged in"
        case "user.logout": return "\(user) logged out"
        case "user.unlocked": return "account \(user) unlocked"
        case "user.locked":
            return "account \(user) locked" + (data["consecutiveFailures"]?.integerValue.map { " after \($0) failed logins" } ?? "")
        case "user.login_failed":
            var text = "failed login for \(user): \(data["cause"]?.stringValue ?? "?")"
            if let count = data["consecutiveFailures"]?.integerValue { text += " (\(count) in a row)" }
            return text
        case ExportRecord.eventType:
            return ExportRecord.summary(of: data)
        default:
            return members(of: data)
        }
    }

    /// `key: value; ...` for every shown member, sorted by key; nested values as compact JSON.
    static func members(of data: [String: JSONValue]) -> String {
        data.keys.sorted().filter { !hidden.contains($0) }.map { key in "\(key): \(render(data[key] ?? .null))" }
            .joined(separator: "; ")
    }

    static func render(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .string(let text): return text
        case .array, .object:
            let text = value.canonicalString
            return text.count <= maxValueLength ? text : String(text.prefix(maxValueLength)) + "..."
        }
    }
}
