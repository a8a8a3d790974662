import EventLog
import Foundation
import Hummingbird
import Testing

/// Every subject endpoint, through the router, in the order a site uses them.
@Suite("Subject endpoints")
struct SubjectEndpointTests {
    @Test("register answers 201 with the appended entry; the subject reads back")
    func register() async throws {
        try await APIFixture.run { client, fixture in
            let screening = try await Screening.begin(client)
            let before = fixture.logSize
            let response = try await screening.register("S-0101")
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.json["command"] == "register")
            #expect(response.json["subject"] == "S-0101")
            #expect(Screening.seq(of: response) == before)
            #expect(fixture.logSize == before + 1)
            let status = try await screening.status("S-0101")
            #expect(status["screeningNumber"] == "S-0101")
        }
    }

    @Test("consent, assessments, attestations, sign and enrol take a subject to enrolment")
    func enrolmentPath() async throws {
        try await APIFixture.run { client, fixture in
            let screening = try await Screening.begin(client)
            try await screening.signedEligible("S-0102")
            let before = fixture.logSize
            let enrol = try await screening.write("/v1/subjects/S-0102/enrol", as: .investigator, [:])
            #expect(enrol.json["command"] == "enrol")
            #expect(fixture.logSize == before + 1)
            let status = try await screening.status("S-0102")
            #expect(status.canonicalString.contains("enrol") || status.canonicalString.contains("on-study"))
        }
    }

    @Test("a correction supersedes an assessment and voids the signature over it")
    func correction() async throws {
        try await APIFixture.run { client, _ in
            let screening = try await Screening.begin(client)
            try await screening.registerConsented("S-0103")
            let recorded = try await screening.write(
                "/v1/subjects/S-0103/assessments", as: .coordinator, Screening.number("ecog", "1"))
            let seq = try #require(Screening.seq(of: recorded))
            let hashBefore = try await screening.evaluationHash("S-0103")
            var body = Screening.number("ecog", "2").objectValue!
            body["supersedes"] = .integer(seq)
            body["reason"] = "transcription error"
            let corrected = try await screening.write(
                "/v1/subjects/S-0103/corrections", as: .coordinator, .object(body))
            #expect(corrected.json["command"] == "correction")
            #expect(try await screening.evaluationHash("S-0103") != hashBefore)

            let history = try await client.get("/v1/subjects/S-0103/history", token: screening.token(.monitor))
            #expect(history.status == .ok)
            let types = history.json["entries"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
            #expect(types.contains("assessment.recorded"))
            #expect(types.contains("assessment.corrected"))
        }
    }

    @Test("withdraw consent, screen-fail and withdraw end or pause screening")
    func endings() async throws {
        try await APIFixture.run { client, _ in
            let screening = try await Screening.begin(client)
            try await screening.registerConsented("S-0104")
            try await screening.write(
                "/v1/subjects/S-0104/withdraw-consent", as: .coordinator,
                ["dateWithdrawn": "2026-11-20", "reason": "changed their mind"])

            try await screening.registerConsented("S-0105")
            let failed = try await screening.write(
                "/v1/subjects/S-0105/screen-fail", as: .investigator, ["category": "declined"])
            #expect(failed.json["command"] == "screen-fail")

            try await screening.registerConsented("S-0106")
            try await screening.write(
                "/v1/subjects/S-0106/withdraw", as: .coordinator, ["initiatedBy": "subject", "reason": "moved away"])
            // Nothing but an audit review after withdrawal.
            let after = try await client.post(
                "/v1/subjects/S-0106/consent", token: screening.token(.coordinator),
                json: ["formVersion": "2.0", "dateSigned": "2026-11-18"])
            #expect(after.status == .conflict || after.status == .unprocessableContent)
        }
    }

    @Test("a monitor records an audit-trail review")
    func auditReview() async throws {
        try await APIFixture.run { client, _ in
            let screening = try await Screening.begin(client)
            try await screening.registerConsented("S-0107")
            let review = try await screening.write(
                "/v1/subjects/S-0107/audit-review", as: .monitor, ["comment": "source verified"])
            #expect(review.json["command"] == "audit-review")
        }
    }

    @Test("an investigator registers the bundled protocol amendment")
    func registerProtocol() async throws {
        try await APIFixture.run { client, _ in
            let screening = try await Screening.begin(client)
            let response = try await screening.write(
                "/v1/protocols", as: .investigator, ["bundled": "NCT05827835-v1.1"], expect: .created)
            #expect(response.json["command"] == "register-protocol")
        }
    }

    @Test("state as of an earlier point shows what was known then")
    func stateAsOf() async throws {
        try await APIFixture.run { client, _ in
            let screening = try await Screening.begin(client)
            try await screening.register("S-0108")
            let now = try await screening.status("S-0108")
            let asOf = try await client.get(
                "/v1/subjects/S-0108?asOf=2026-11-19", token: screening.token(.investigator))
            #expect(asOf.status == .notFound, "the subject did not exist at the end of 2026-11-19")
            let today = try await client.get(
                "/v1/subjects/S-0108?asOf=2026-11-20", token: screening.token(.investigator))
            #expect(today.status == .ok)
            #expect(today.json["screeningNumber"] == now["screeningNumber"])
        }
    }
}
