import EventLog

extension DemoScript {
    /// The whole timeline: accounts on day one, then a dozen subjects over four weeks, with a
    /// protocol amendment on 16 November.
    mutating func recordHistory() async throws(AppError) {
        at(2, 8, 40)
        let adminSession = try await login(Self.admin)
        // The admin sets a temporary password; each holder then replaces it with their own
        // (the printed demo password) through the same path as `screening users passwd`.
        for account in DemoAccount.all.dropFirst() {
            try await run(Self.admin, .createUser, nil, [
                "id": .string(account.id), "name": .string(account.name), "role": .string(account.role.rawValue),
                "password": .string(account.temporaryPassword), "reason": "site initiation: study team account",
            ])
        }
        try await service.logout(token: adminSession.token, via: .cli)
        for account in DemoAccount.all.dropFirst() {
            clock.advance(seconds: 40)
            try await service.changePassword(
                userID: account.id, currentPassword: account.temporaryPassword, newPassword: account.password, via: .cli)
        }

        // S-001: eligible, signed and enrolled.
        at(2, 9, 30)
        try await login(Self.li)
        try await register("S-001", day: 2, born: "1984-03-17", sex: "female", by: Self.li)
        try await consent("S-001", day: 2, by: Self.li)
        at(3, 10)
        try await login(Self.chen)
        _ = try await workUp("S-001", day: 3, sex: "female", coordinator: Self.li, investigator: Self.chen)
        at(4, 15)
        try await sign("S-001", by: Self.chen)
        at(5, 9)
        try await run(Self.chen, .enrol, "S-001", [:])
        stories.append(("S-001", "eligible, signed by Dr Chen Jie, enrolled on 5 Nov"))

        // S-002: eligible and signed; a transcription error corrected afterwards voids the
        // signature; re-signed, then enrolled.
        at(4, 10)
        try await login(Self.wang)
        try await register("S-002", day: 4, born: "1971-08-02", sex: "male", by: Self.wang)
        try await consent("S-002", day: 4, by: Self.wang)
        at(5, 11)
        try await login(Self.zhao)
        let s002 = try await workUp(
            "S-002", day: 5, sex: "male", coordinator: Self.wang, investigator: Self.zhao,
            overrides: ["alt": Self.lab("38", uln: "40", day: 5)])
        at(6, 14)
        try await sign("S-002", by: Self.zhao)
        at(9, 10)
        try await run(Self.wang, .correction, "S-002", [
            "supersedes": .integer(s002["alt"] ?? 0), "input": "alt", "reason": "transcription error: lab report reads 83 U/L",
            "value": ["number": "83"], "unit": "U/L", "uln": "40", "observedOn": .string(Self.date(5)),
            "sourceDocument": "biochemistry panel",
        ])
        at(9, 16)
        try await sign("S-002", by: Self.zhao)
        at(10, 9)
        try await run(Self.zhao, .enrol, "S-002", [:])
        stories.append(("S-002", "signed, ALT corrected (voids the signature), re-signed, enrolled on 10 Nov"))

        // S-003: AST above 2.5 x ULN (I9a) - screen failed on criteria.
        at(5, 9, 15)
        try await register("S-003", day: 5, born: "1965-12-01", sex: "male", by: Self.li)
        try await consent("S-003", day: 5, by: Self.li)
        at(6, 10)
        _ = try await workUp(
            "S-003", day: 6, sex: "male", coordinator: Self.li, investigator: Self.chen,
            overrides: ["ast": Self.lab("126", uln: "40", day: 6)])
        at(7, 11)
        try await run(Self.chen, .screenFail, "S-003", ["category": "criteria"])
        stories.append(("S-003", "ineligible: AST 3.15 x ULN (I9a); screen failed"))

        // S-004: ECOG 3 (I4) - screen failed on criteria.
        at(6, 9)
        try await register("S-004", day: 6, born: "1958-05-23", sex: "female", by: Self.wang)
        try await consent("S-004", day: 6, by: Self.wang)
        at(9, 11)
        _ = try await workUp(
            "S-004", day: 9, sex: "female", coordinator: Self.wang, investigator: Self.zhao,
            overrides: ["ecog": ["value": ["number": "3"], "observedOn": .string(Self.date(9)), "sourceDocument": "screening visit note"],
                        "menopausal_status": ["value": ["code": "postmenopausal"], "observedOn": .string(Self.date(9)),
                                              "sourceDocument": "gynaecological history"],
                        "menopause_date": ["value": ["date": "2015-06-01"], "sourceDocument": "gynaecological history"]],
            omit: ["serum_pregnancy_test"])
        at(10, 10)
        try await run(Self.wang, .screenFail, "S-004", ["category": "criteria", "criteria": ["I4"]])
        stories.append(("S-004", "ineligible: ECOG 3 (I4); screen failed"))

        // S-005: last chemotherapy 10 days before screening (E6 washout).
        at(11, 9)
        try await register("S-005", day: 11, born: "1990-01-30", sex: "male", by: Self.li)
        try await consent("S-005", day: 11, by: Self.li)
        at(11, 14)
        _ = try await workUp(
            "S-005", day: 11, sex: "male", coordinator: Self.li, investigator: Self.chen,
            overrides: ["last_anticancer_or_drug_treatment_date": ["value": ["date": "2026-11-01"], "sourceDocument": "medication history"]])
        stories.append(("S-005", "ineligible: chemotherapy 10 days before screening (E6); awaiting screen-fail decision"))

        // S-006: positive serum pregnancy test (I10b, E2).
        at(12, 9)
        try await register("S-006", day: 12, born: "1995-07-09", sex: "female", by: Self.wang)
        try await consent("S-006", day: 12, by: Self.wang)
        at(12, 15)
        _ = try await workUp(
            "S-006", day: 12, sex: "female", coordinator: Self.wang, investigator: Self.zhao,
            overrides: ["serum_pregnancy_test": ["value": ["code": "positive"], "observedOn": .string(Self.date(12)),
                                                 "sourceDocument": "serum beta-hCG report"],
                        "pregnant_or_breastfeeding": ["value": ["yesNo": true], "observedOn": .string(Self.date(12)),
                                                      "sourceDocument": "screening visit note"]])
        at(13, 10)
        try await run(Self.wang, .screenFail, "S-006", ["category": "criteria"])
        stories.append(("S-006", "ineligible: positive pregnancy test (I10b, E2); screen failed"))

        // S-012: creatinine clearance 35 mL/min: eligible and signed under v1.0 (>= 30); the
        // amendment raises the limit to 40, which voids the signature.
        at(12, 10)
        try await register("S-012", day: 12, born: "1962-02-14", sex: "male", by: Self.li)
        try await consent("S-012", day: 12, by: Self.li)
        at(13, 9)
        _ = try await workUp(
            "S-012", day: 13, sex: "male", coordinator: Self.li, investigator: Self.chen,
            overrides: ["creatinine_clearance": ["value": ["number": "35"], "unit": "mL/min", "method": "measured-24h-urine",
                                                 "observedOn": .string(Self.date(13)), "sourceDocument": "24-hour urine collection"]])
        at(13, 16)
        try await sign("S-012", by: Self.chen)
        stories.append(("S-012", "CrCl 35: signed under v1.0; amendment 1.1 (limit 40) voids the signature - now ineligible"))

        // S-008: consented, then declined to continue - screen failed (declined).
        at(13, 11)
        try await register("S-008", day: 13, born: "1979-10-11", sex: "female", by: Self.wang)
        try await consent("S-008", day: 13, by: Self.wang)
        at(14, 10)
        try await run(Self.wang, .screenFail, "S-008", ["category": "declined", "text": "subject chose another treatment option"])
        stories.append(("S-008", "declined after consent; screen failed (declined)"))

        // Amendment 1.1 registered mid-way.
        at(16, 9)
        try await run(Self.chen, .registerProtocol, nil, ["bundled": "NCT05827835-v1.1"])

        // S-009: consent, then consent withdrawn and the subject withdrawn.
        at(17, 9)
        try await register("S-009", day: 17, born: "1987-04-04", sex: "male", by: Self.li)
        try await consent("S-009", day: 17, by: Self.li)
        at(18, 10)
        try await run(Self.li, .withdrawConsent, "S-009", ["dateWithdrawn": .string(Self.date(18)), "reason": "moved to another city"])
        try await run(Self.chen, .withdraw, "S-009", ["initiatedBy": "subject", "reason": "consent withdrawn"])
        stories.append(("S-009", "consent withdrawn; withdrawn from screening"))

        // S-010: eligible under v1.1, awaiting the investigator's sign-off.
        at(19, 9)
        try await register("S-010", day: 19, born: "1976-09-28", sex: "female", by: Self.wang)
        try await consent("S-010", day: 19, by: Self.wang)
        at(20, 10)
        _ = try await workUp("S-010", day: 20, sex: "female", coordinator: Self.wang, investigator: Self.zhao)
        stories.append(("S-010", "eligible under amendment 1.1; awaiting the investigator's sign-off"))

        // S-007: consented, work-up incomplete (labs pending).
        at(24, 9)
        try await register("S-007", day: 24, born: "1969-11-05", sex: "male", by: Self.li)
        try await consent("S-007", day: 24, by: Self.li)
        at(25, 10)
        _ = try await workUp(
            "S-007", day: 25, sex: "male", coordinator: Self.li, investigator: Self.chen,
            omit: ["ast", "alt", "total_bilirubin", "creatinine_clearance", "lipase", "amylase"])
        stories.append(("S-007", "incomplete: biochemistry pending"))

        // S-011: registered, not yet consented.
        at(26, 9)
        try await register("S-011", day: 26, born: "1993-02-20", sex: "female", by: Self.wang)
        stories.append(("S-011", "registered; consent not yet recorded"))

        // The monitor reviews the first subject's audit trail.
        at(27, 10)
        try await login(Self.liu)
        try await run(Self.liu, .auditReviewed, "S-001", ["comment": "source data verified against the screening visit note"])
        stories.sort { $0.number < $1.number }
    }

    static func lab(_ value: String, uln: String, day: Int) -> [String: JSONValue] {
        ["value": ["number": .string(value)], "unit": "U/L", "uln": .string(uln), "observedOn": .string(date(day)),
         "sourceDocument": "biochemistry panel"]
    }
}
