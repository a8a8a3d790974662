import EventLog
import Foundation
import Hummingbird
import Testing

/// `Idempotency-Key` on every write: retries answer the original result, never a second event.
@Suite("Idempotency keys")
struct IdempotencyTests {
    static let newUser: JSONValue = [
        "id": "nina", "name": "Nina New", "role": "coordinator", "password": "synthetic-pass-phrase-44",
    ]

    @Test("a retried write returns the original status and body and appends nothing")
    func retryReturnsOriginal() async throws {
        try await APIFixture.run { client, fixture in
            let token = try await client.login(as: .admin)
            let first = try await client.post(
                "/v1/users", token: token, json: Self.newUser, idempotencyKey: "create-nina")
            #expect(first.status == .created)
            #expect(first.header("Idempotent-Replayed") == nil)
            let size = fixture.logSize

            let retry = try await client.post(
                "/v1/users", token: token, json: Self.newUser, idempotencyKey: "create-nina")
            #expect(retry.status == first.status)
            #expect(retry.bytes == first.bytes)
            #expect(retry.header("Idempotent-Replayed") == "true")
            #expect(fixture.logSize == size)
        }
    }

    @Test("the same key with a different body is 409 and appends nothing")
    func keyReuseConflict() async throws {
        try await APIFixture.run { client, fixture in
            let token = try await client.login(as: .admin)
            _ = try await client.post("/v1/users", token: token, json: Self.newUser, idempotencyKey: "create-nina")
            let size = fixture.logSize
            var other = Self.newUser.objectValue!
            other["name"] = "Nina Other"
            let response = try await client.post(
                "/v1/users", token: token, json: .object(other), idempotencyKey: "create-nina")
            #expect(response.status == .conflict)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.json["field"] == "Idempotency-Key" || response.json["code"] == "idempotency.key_reused")
            #expect(fixture.logSize == size)
        }
    }

    @Test("the same key on another endpoint is 409")
    func keyReuseOtherPath() async throws {
        try await APIFixture.run { client, fixture in
            let token = try await client.login(as: .admin)
            _ = try await client.post("/v1/users/coord/unlock", token: token, json: [:], idempotencyKey: "k-42")
            let size = fixture.logSize
            let response = try await client.post(
                "/v1/users/mon/unlock", token: token, json: [:], idempotencyKey: "k-42")
            #expect(response.status == .conflict)
            #expect(fixture.logSize == size)
        }
    }

    @Test("a write without an Idempotency-Key is 400 naming the header")
    func keyRequired() async throws {
        try await APIFixture.run { client, fixture in
            let token = try await client.login(as: .admin)
            let size = fixture.logSize
            let response = try await client.post("/v1/users", token: token, json: Self.newUser, idempotencyKey: nil)
            #expect(response.status == .badRequest)
            #expect(response.json["code"] == "idempotency_key.missing")
            #expect(response.json["field"] == "Idempotency-Key")
            for bad in ["", String(repeating: "k", count: 256), "has space"] {
                let invalid = try await client.post("/v1/users", token: token, json: Self.newUser, idempotencyKey: bad)
                #expect(invalid.status == .badRequest)
                #expect(invalid.json["field"] == "Idempotency-Key")
            }
            #expect(fixture.logSize == size)
        }
    }

    @Test("keys are per user: another user's identical request is a new write")
    func keysPerUser() async throws {
        try await APIFixture.run { client, fixture in
            let admin = try await client.login(as: .admin)
            _ = try await client.post("/v1/users/coord/unlock", token: admin, json: [:], idempotencyKey: "shared")
            let monitor = try await client.login(as: .monitor)
            let size = fixture.logSize
            // The monitor may not unlock: a 403, not the admin's stored answer.
            let response = try await client.post(
                "/v1/users/coord/unlock", token: monitor, json: [:], idempotencyKey: "shared")
            #expect(response.status == .forbidden)
            #expect(fixture.logSize == size)
        }
    }

    @Test("the fingerprint binds method, path and body, and leaves secrets out")
    func fingerprint() {
        let body: JSONValue = ["id": "a", "password": "secret-1"]
        let base = IdempotencyFingerprint.of(.post, "/v1/users", body, kind: .createUser)
        #expect(
            base
                == IdempotencyFingerprint.of(
                    .post, "/v1/users", ["password": "secret-2", "id": "a"], kind: .createUser))
        #expect(
            base
                != IdempotencyFingerprint.of(
                    .post, "/v1/users", ["id": "b", "password": "secret-1"], kind: .createUser))
        #expect(base != IdempotencyFingerprint.of(.post, "/v1/users/x", body, kind: .createUser))
    }
}
