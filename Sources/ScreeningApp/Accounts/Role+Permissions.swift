extension Role {
    /// Whether this role may issue `command`. The one role matrix both shells enforce.
    public func may(_ command: CommandKind) -> Bool {
        switch command {
        case .register, .consent, .withdrawConsent, .assessment, .correction, .screenFail, .withdraw:
            self == .coordinator || self == .investigator
        case .attestation, .signEligibility, .enrol, .registerProtocol:
            // Attestations are clinical judgement; signing and enrolling are the investigator's.
            self == .investigator
        case .auditReviewed:
            self == .monitor
        case .createUser, .changeRole, .deactivateUser, .resetPassword, .unlockUser:
            self == .admin
        }
    }

    /// Whether this role may run reads of `query`.
    public func may(read query: QueryKind) -> Bool {
        switch query {
        case .screeningData, .audit:
            self != .admin
        case .integrity:
            true
        case .accounts:
            self == .admin || self == .monitor
        }
    }
}
