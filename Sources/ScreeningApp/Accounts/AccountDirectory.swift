import EventLog

/// All accounts ever created, folded from the log's `user.*` entries. Ids are never reused:
/// a deactivated account stays here, inactive.
struct AccountDirectory: Sendable, Hashable {
    private(set) var accounts: [String: Account] = [:]

    subscript(id: String) -> Account? { accounts[id] }

    var all: [Account] { accounts.values.sorted { $0.id < $1.id } }

    /// Applies one entry; entries that are not account events are ignored.
    mutating func evolve(_ entry: LogEntry) {
        guard entry.type.hasPrefix("user."), let id = entry.data["userID"]?.stringValue else { return }
        switch entry.type {
        case AccountEvent.created:
            guard let name = entry.data["name"]?.stringValue,
                let role = entry.data["role"]?.stringValue.flatMap(Role.init(rawValue:))
            else { return }
            accounts[id] = Account(id: id, name: name, role: role)
        case AccountEvent.roleChanged:
            if let role = entry.data["role"]?.stringValue.flatMap(Role.init(rawValue:)) {
                accounts[id]?.role = role
            }
        case AccountEvent.deactivated:
            accounts[id]?.active = false
        case AccountEvent.login:
            accounts[id]?.consecutiveFailures = 0
        case AccountEvent.loginFailed:
            accounts[id]?.consecutiveFailures += 1
        case AccountEvent.locked:
            accounts[id]?.locked = true
        case AccountEvent.unlocked:
            accounts[id]?.locked = false
            accounts[id]?.consecutiveFailures = 0
        default:
            break
        }
    }
}
