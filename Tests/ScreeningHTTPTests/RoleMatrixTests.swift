import EventLog
import Foundation
import Hummingbird
import ScreeningApp
import Testing

/// Every role against every write endpoint: allowed (2xx) or 403 with nothing appended.
@Suite("Role matrix")
struct RoleMatrixTests {
    /// One write endpoint, the roles the issue allows on it, and how to set up a valid request.
    struct Endpoint: Sendable, CustomTestStringConvertible {
        var name: String
        var allowed: Set<Role>
        /// Sets up what the write needs (as other roles) and returns its path and body. `n` makes
        /// each attempt's subject or user unique.
        var prepare: @Sendable (Screening, Int) async throws -> (path: String, body: JSONValue)

        var testDescription: String { name }
    }

    static let writers: Set<Role> = [.coordinator, .investigator]

    static let endpoints: [Endpoint] = [
        Endpoint(name: "register", allowed: writers) { _, n in
            ("/v1/subjects", ["screeningNumber": .string("S-90\(n)"), "screeningDate": "2026-11-20"])
        },
        Endpoint(name: "consent", allowed: writers) { s, n in
            try await s.register("S-90\(n)")
            return ("/v1/subjects/S-90\(n)/consent", ["formVersion": "2.0", "dateSigned": "2026-11-18"])
        },
        Endpoint(name: "withdraw-consent", allowed: writers) { s, n in
            try await s.registerConsented("S-90\(n)")
            return ("/v1/subjects/S-90\(n)/withdraw-consent", ["dateWithdrawn": "2026-11-20"])
        },
        Endpoint(name: "assessment", allowed: writers) { s, n in
            try await s.registerConsented("S-90\(n)")
            return ("/v1/subjects/S-90\(n)/assessments", Screening.number("ecog", "1"))
        },
        Endpoint(name: "attestation", allowed: [.investigator]) { s, n in
            try await s.registerConsented("S-90\(n)")
            return ("/v1/subjects/S-90\(n)/attestations", Screening.yesNo("survival_over_12_weeks", true))
        },
        Endpoint(name: "correction", allowed: writers) { s, n in
            try await s.registerConsented("S-90\(n)")
            let recorded = try await s.write(
                "/v1/subjects/S-90\(n)/assessments", as: .coordinator, Screening.number("ecog", "1"))
            var body = Screening.number("ecog", "2").objectValue!
            body["supersedes"] = .integer(Screening.seq(of: recorded)!)
            body["reason"] = "transcription error"
            return ("/v1/subjects/S-90\(n)/corrections", .object(body))
        },
        Endpoint(name: "sign", allowed: [.investigator]) { s, n in
            try await s.registerConsented("S-90\(n)")
            try await s.recordEligibleMan("S-90\(n)")
            return ("/v1/subjects/S-90\(n)/sign", try await s.signatureShown("S-90\(n)"))
        },
        Endpoint(name: "enrol", allowed: [.investigator]) { s, n in
            try await s.signedEligible("S-90\(n)")
            return ("/v1/subjects/S-90\(n)/enrol", [:])
        },
        Endpoint(name: "screen-fail", allowed: writers) { s, n in
            try await s.registerConsented("S-90\(n)")
            return ("/v1/subjects/S-90\(n)/screen-fail", ["category": "declined"])
        },
        Endpoint(name: "withdraw", allowed: writers) { s, n in
            try await s.registerConsented("S-90\(n)")
            return ("/v1/subjects/S-90\(n)/withdraw", ["initiatedBy": "site", "reason": "site decision"])
        },
        Endpoint(name: "audit-review", allowed: [.monitor]) { s, n in
            try await s.register("S-90\(n)")
            return ("/v1/subjects/S-90\(n)/audit-review", ["comment": "reviewed"])
        },
        Endpoint(name: "register-protocol", allowed: [.investigator]) { _, _ in
            ("/v1/protocols", ["bundled": "NCT05827835-v1.1"])
        },
        Endpoint(name: "user-create", allowed: [.admin]) { _, n in
            (
                "/v1/users",
                [
                    "id": .string("u\(n)"), "name": "Una User", "role": "coordinator",
                    "password": "synthetic-pass-phrase-49",
                ]
            )
        },
        Endpoint(name: "user-role", allowed: [.admin]) { s, n in
            try await Self.createUser("u\(n)", s)
            return ("/v1/users/u\(n)/role", ["role": "monitor"])
        },
        Endpoint(name: "user-deactivate", allowed: [.admin]) { s, n in
            try await Self.createUser("u\(n)", s)
            return ("/v1/users/u\(n)/deactivate", ["reason": "left"])
        },
        Endpoint(name: "user-reset-password", allowed: [.admin]) { s, n in
            try await Self.createUser("u\(n)", s)
            return ("/v1/users/u\(n)/reset-password", ["password": "synthetic-pass-phrase-50"])
        },
        Endpoint(name: "user-unlock", allowed: [.admin]) { s, n in
            try await Self.createUser("u\(n)", s)
            for _ in 0..<5 {
                _ = try await s.client.send(
                    .post, "/v1/login",
                    body: JSONValue.object(["userId": .string("u\(n)"), "password": "wrong-password-here"])
                        .canonicalBytes())
            }
            return ("/v1/users/u\(n)/unlock", ["reason": "identity confirmed"])
        },
    ]

    static func createUser(_ id: String, _ screening: Screening) async throws {
        try await screening.write(
            "/v1/users", as: .admin,
            ["id": .string(id), "name": "Una User", "role": "coordinator", "password": "synthetic-pass-phrase-49"],
            expect: .created)
    }

    @Test("each role is allowed or refused with 403, and a refusal appends nothing", arguments: endpoints)
    func matrix(_ endpoint: Endpoint) async throws {
        try await APIFixture.run { client, fixture in
            let screening = try await Screening.begin(client)
            for (index, role) in Role.allCases.enumerated() {
                let (path, body) = try await endpoint.prepare(screening, index)
                let before = fixture.logSize
                let response = try await client.post(path, token: screening.token(role), json: body)
                if endpoint.allowed.contains(role) {
                    #expect((200..<300).contains(response.status.code), "\(role) \(endpoint.name): \(response.text)")
                    #expect(fixture.logSize > before)
                } else {
                    #expect(response.status == .forbidden, "\(role) \(endpoint.name): \(response.text)")
                    #expect(response.header("Content-Type") == "application/problem+json")
                    #expect(fixture.logSize == before, "\(role) \(endpoint.name) appended")
                }
            }
        }
    }

    @Test("the matrix covers every write route the router serves")
    func coversEveryWrite() async throws {
        let served = try await APIFixture.run { _, fixture in
            buildTestRouter(fixture).routes.filter { $0.method == .post }.map(\.path.description)
        }
        let sessions = ["/v1/login", "/v1/logout", "/v1/password"]  // any role, each for its own account
        #expect(served.filter { !sessions.contains($0) }.count == Self.endpoints.count)
    }
}
