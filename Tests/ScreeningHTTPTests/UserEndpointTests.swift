import EventLog
import Foundation
import Hummingbird
import Testing

/// Account administration: list, create, change role, deactivate, reset password, unlock.
@Suite("User endpoints")
struct UserEndpointTests {
    @Test("an admin lists the accounts, never credentials")
    func list() async throws {
        try await APIFixture.run { client, _ in
            let token = try await client.login(as: .admin)
            let response = try await client.get("/v1/users", token: token)
            #expect(response.status == .ok)
            let users = try #require(response.json["users"]?.arrayValue)
            #expect(users.compactMap { $0["id"]?.stringValue } == ["admin", "coord", "inv", "mon"])
            #expect(
                users[2] == [
                    "id": "inv", "name": "Ivan Investigator", "role": "investigator", "active": true, "locked": false,
                ])
            #expect(!response.text.contains("password"))
        }
    }

    @Test("create, change role, reset password, deactivate")
    func lifecycle() async throws {
        try await APIFixture.run { client, fixture in
            let admin = try await client.login(as: .admin)
            let created = try await client.post(
                "/v1/users", token: admin,
                json: ["id": "dora", "name": "Dora Doe", "role": "coordinator", "password": "synthetic-pass-phrase-46"])
            #expect(created.status == .created)
            #expect(created.json["entries"]?.arrayValue?.first?["type"] == "user.created")
            let dora = try await client.login("dora", password: "synthetic-pass-phrase-46")

            let role = try await client.post(
                "/v1/users/dora/role", token: admin, json: ["role": "monitor", "reason": "moved to monitoring"])
            #expect(role.status == .ok)
            let oldToken = try await client.get("/log", token: dora)
            #expect(oldToken.status == .unauthorized, "a role change ends the user's sessions")

            let reset = try await client.post(
                "/v1/users/dora/reset-password", token: admin, json: ["password": "synthetic-pass-phrase-47"])
            #expect(reset.status == .ok)
            #expect(!reset.text.contains("synthetic-pass-phrase-47"))
            _ = try await client.login("dora", password: "synthetic-pass-phrase-47")

            let size = fixture.logSize
            let deactivated = try await client.post(
                "/v1/users/dora/deactivate", token: admin, json: ["reason": "left the site"])
            #expect(deactivated.status == .ok)
            #expect(fixture.logSize == size + 1)
            let login = try await client.send(
                .post, "/v1/login", body: Array(#"{"userId":"dora","password":"synthetic-pass-phrase-47"}"#.utf8))
            #expect(login.status == .unauthorized)
            let again = try await client.post(
                "/v1/users", token: admin,
                json: ["id": "dora", "name": "Dora Two", "role": "coordinator", "password": "synthetic-pass-phrase-48"])
            #expect(again.status == .conflict, "user ids are never reused")
        }
    }

    @Test("failed logins lock an account; an admin unlocks it")
    func unlock() async throws {
        try await APIFixture.run { client, _ in
            for _ in 0..<5 {
                let failed = try await client.send(
                    .post, "/v1/login", body: Array(#"{"userId":"coord","password":"wrong-password-here"}"#.utf8))
                #expect(failed.status == .unauthorized)
            }
            let locked = try await client.send(
                .post, "/v1/login", body: Array(#"{"userId":"coord","password":"synthetic-pass-phrase-42"}"#.utf8))
            #expect(locked.status == .unauthorized)
            #expect(locked.json["code"] == "auth.locked")
            let admin = try await client.login(as: .admin)
            let users = try await client.get("/v1/users", token: admin)
            #expect(users.json["users"]?.arrayValue?.first { $0["id"] == "coord" }?["locked"] == true)
            let unlock = try await client.post(
                "/v1/users/coord/unlock", token: admin, json: ["reason": "identity confirmed by phone"])
            #expect(unlock.status == .ok)
            _ = try await client.login(as: .coordinator)
        }
    }
}
