/// The account event types the application writes (`data.userID` names the account).
enum AccountEvent {
    static let created = "user.created"
    static let roleChanged = "user.role_changed"
    static let deactivated = "user.deactivated"
    static let passwordReset = "user.password_reset"
    static let login = "user.login"
    static let loginFailed = "user.login_failed"
    static let locked = "user.locked"
    static let unlocked = "user.unlocked"
    static let logout = "user.logout"
    /// The holder changed their own password (no hash in the entry; credentials stay outside the log).
    static let passwordChanged = "user.password_changed"

    /// The stable user id pattern: 1-64 of `a-z 0-9 . _ -`, starting with a letter or digit.
    static func isValidUserID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...64).contains(bytes.count) else { return false }
        for (index, byte) in bytes.enumerated() {
            let alphanumeric = (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            if index == 0 && !alphanumeric { return false }
            if !alphanumeric && byte != 0x2E && byte != 0x5F && byte != 0x2D { return false }
        }
        return true
    }
}
