import EventLog
import Foundation
import Hummingbird
import Testing

/// `POST /v1/password` and temporary (admin-set) passwords over HTTP.
@Suite("Password endpoint")
struct PasswordEndpointTests {
    @Test("an admin resets an investigator's password, logs in with it: everything but a password change is 403")
    func adminResetCannotSign() async throws {
        try await APIFixture.run { client, fixture in
            let screening = try await Screening.begin(client)
            try await screening.registerConsented("S-001")
            try await screening.recordEligibleMan("S-001")
            let shown = try await screening.signatureShown("S-001")
            let hash = try #require(shown["evaluationSHA256"]?.stringValue)
            let meaning = try #require(shown["meaning"]?.stringValue)
            try await screening.write(
                "/v1/users/inv/reset-password", as: .admin, ["password": "chosen-by-the-admin"])

            let login = try await client.send(
                .post, "/v1/login", body: Array(#"{"userId":"inv","password":"chosen-by-the-admin"}"#.utf8))
            #expect(login.status == .ok)
            #expect(login.json["passwordChangeRequired"] == true)
            let token = try #require(login.json["token"]?.stringValue)
            let before = fixture.logSize
            let adminSigning = Screening.signature(hash, password: "chosen-by-the-admin", meaning: meaning)
            let sign = try await client.post("/v1/subjects/S-001/sign", token: token, json: adminSigning)
            #expect(sign.status == .forbidden)
            #expect(sign.json["code"] == "password.change_required")
            let read = try await client.get("/v1/subjects/S-001", token: token)
            #expect(read.status == .forbidden)
            #expect(fixture.logSize == before)

            // The holder, who knows the temporary password, sets their own and can then sign.
            let change = try await client.send(
                .post, "/v1/password", token: token,
                body: Array(#"{"currentPassword":"chosen-by-the-admin","newPassword":"my-very-own-phrase"}"#.utf8))
            #expect(change.status == .noContent, "\(change.text)")
            let revoked = try await client.get("/v1/subjects/S-001", token: token)
            #expect(revoked.status == .unauthorized)
            let own = try await client.login("inv", password: "my-very-own-phrase")
            let ownSigning = Screening.signature(hash, password: "my-very-own-phrase", meaning: meaning)
            let signed = try await client.post("/v1/subjects/S-001/sign", token: own, json: ownSigning)
            #expect(signed.status == .ok, "\(signed.text)")
        }
    }

    @Test("a wrong current password is 401; a missing field is 400 naming it; no token is 401")
    func badRequests() async throws {
        try await APIFixture.run { client, _ in
            let token = try await client.login(as: .coordinator)
            let wrong = try await client.send(
                .post, "/v1/password", token: token,
                body: Array(#"{"currentPassword":"not-the-password","newPassword":"another-long-phrase"}"#.utf8))
            #expect(wrong.status == .unauthorized)
            let missing = try await client.send(
                .post, "/v1/password", token: token, body: Array(#"{"currentPassword":"synthetic-pass-phrase-42"}"#.utf8))
            #expect(missing.status == .badRequest)
            #expect(missing.json["field"] == "newPassword")
            let anonymous = try await client.send(
                .post, "/v1/password",
                body: Array(#"{"currentPassword":"synthetic-pass-phrase-42","newPassword":"another-long-phrase"}"#.utf8))
            #expect(anonymous.status == .unauthorized)
        }
    }
}
