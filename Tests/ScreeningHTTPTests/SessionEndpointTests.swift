import EventLog
import Foundation
import Hummingbird
import Testing

/// `POST /v1/login`, `POST /v1/logout` and bearer-token authentication.
@Suite("Session endpoints")
struct SessionEndpointTests {
    @Test("login returns a token, its expiry and the user; the token opens the API")
    func login() async throws {
        try await APIFixture.run { client, fixture in
            let before = fixture.logSize
            let response = try await client.send(
                .post, "/v1/login", body: Array(#"{"userId":"inv","password":"synthetic-pass-phrase-42"}"#.utf8))
            #expect(response.status == .ok)
            let token = try #require(response.json["token"]?.stringValue)
            #expect(Timestamp(formatted: response.json["expiresAt"]?.stringValue ?? "") != nil)
            #expect(response.json["user"] == ["id": "inv", "name": "Ivan Investigator", "role": "investigator"])
            #expect(fixture.logSize == before + 1, "a login is an audit-trail entry")

            let log = try await client.get("/log", token: token)
            #expect(log.status == .ok)
        }
    }

    @Test("wrong credentials are 401 with a Bearer challenge")
    func badCredentials() async throws {
        try await APIFixture.run { client, _ in
            for (user, password) in [("inv", "not-the-password-at-all"), ("nobody", "synthetic-pass-phrase-42")] {
                let response = try await client.send(
                    .post, "/v1/login",
                    body: JSONValue.object(["userId": .string(user), "password": .string(password)]).canonicalBytes())
                #expect(response.status == .unauthorized)
                #expect(response.header("WWW-Authenticate") == "Bearer")
                #expect(response.header("Content-Type") == "application/problem+json")
                #expect(!response.text.contains(password))
            }
        }
    }

    @Test("login names the missing or mistyped member")
    func loginBadInput() async throws {
        try await APIFixture.run { client, fixture in
            let before = fixture.logSize
            let cases: [(String, String)] = [
                (#"{"password":"x"}"#, "userId"),
                (#"{"userId":"inv"}"#, "password"),
                (#"{"userId":7,"password":"x"}"#, "userId"),
                (#"{"userId":"inv","password":true}"#, "password"),
                (#"{"userId":"inv","#, "body"),
                ("[]", "body"),
            ]
            for (body, field) in cases {
                let response = try await client.send(.post, "/v1/login", body: Array(body.utf8))
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.json["field"]?.stringValue == field, "\(body)")
            }
            #expect(fixture.logSize == before)
        }
    }

    @Test("logout revokes the token")
    func logout() async throws {
        try await APIFixture.run { client, _ in
            let token = try await client.login(as: .coordinator)
            let response = try await client.send(.post, "/v1/logout", token: token)
            #expect(response.status == .noContent)
            let after = try await client.get("/v1/worklist", token: token)
            #expect(after.status == .unauthorized)
            let again = try await client.send(.post, "/v1/logout", token: token)
            #expect(again.status == .unauthorized)
        }
    }

    @Test("every endpoint but the public ones needs a valid bearer token")
    func tokenRequired() async throws {
        try await APIFixture.run { client, fixture in
            let before = fixture.logSize
            let router = buildTestRouter(fixture)
            for route in router.routes {
                let path = route.path.description
                if ["/healthz", "/metrics", "/checkpoint", "/v1/login"].contains(path) { continue }
                let uri = path.replacingOccurrences(of: "{screeningNumber}", with: "S-0001")
                    .replacingOccurrences(of: "{userId}", with: "coord")
                for token in [nil, "not-a-real-token"] as [String?] {
                    let response = try await client.send(
                        route.method, uri, token: token, idempotencyKey: "k-1", body: Array("{}".utf8))
                    #expect(response.status == .unauthorized, "\(route.method) \(path)")
                    #expect(response.json["status"]?.integerValue == 401)
                }
            }
            #expect(fixture.logSize == before)
        }
    }
}
