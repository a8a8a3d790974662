/// The demo's staff accounts (synthetic people; passwords are printed by `screening demo`).
public struct DemoAccount: Sendable, Hashable {
    /// The user id.
    public var id: String
    /// The printed name.
    public var name: String
    /// The role.
    public var role: Role
    /// The demo password (set by the holder themselves during the demo's scripted setup).
    public var password: String

    /// Every demo account, the admin first.
    public static let all: [DemoAccount] = [
        DemoAccount(id: "admin", name: "Alex Admin", role: .admin, password: "demo-admin-2026"),
        DemoAccount(id: "coord.li", name: "Li Na", role: .coordinator, password: "demo-coord-li-2026"),
        DemoAccount(id: "coord.wang", name: "Wang Fang", role: .coordinator, password: "demo-coord-wang-2026"),
        DemoAccount(id: "inv.chen", name: "Dr Chen Jie", role: .investigator, password: "demo-inv-chen-2026"),
        DemoAccount(id: "inv.zhao", name: "Dr Zhao Min", role: .investigator, password: "demo-inv-zhao-2026"),
        DemoAccount(id: "mon.liu", name: "Liu Yang", role: .monitor, password: "demo-mon-liu-2026"),
    ]

    /// The temporary password the demo's admin gives the account before its holder changes it.
    var temporaryPassword: String { "temporary-" + password }

    var user: AuthenticatedUser { AuthenticatedUser(id: id, name: name, role: role) }
}
