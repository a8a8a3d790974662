/// One account as the log defines it (folded from `user.*` events).
struct Account: Sendable, Hashable {
    var id: String
    var name: String
    var role: Role
    var active: Bool = true
    var locked: Bool = false
    /// Failed logins in a row since the last success or unlock.
    var consecutiveFailures: Int = 0

    var user: AuthenticatedUser { AuthenticatedUser(id: id, name: name, role: role) }

    var view: AccountView {
        AccountView(id: id, name: name, role: role, active: active, locked: locked)
    }
}
