import EventLog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ScreeningApp

/// A response with its body parsed where it is JSON.
struct APIResponse: Sendable {
    /// The status.
    var status: HTTPResponse.Status
    /// The headers.
    var headers: HTTPFields
    /// The raw body.
    var bytes: [UInt8]

    /// The body as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The body as JSON (`.null` if it is not JSON).
    var json: JSONValue { (try? JSONValue.parse(bytes)) ?? .null }

    /// The header `name`.
    func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
}

/// Requests against the router, with the API's conventions: bearer tokens, idempotency keys, JSON.
struct APIClient: Sendable {
    let client: any TestClientProtocol

    /// Sends one request.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, idempotencyKey: String? = nil,
        headers extra: [String: String] = [:], body: [UInt8]? = nil
    ) async throws -> APIResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let idempotencyKey { headers[HTTPField.Name("Idempotency-Key")!] = idempotencyKey }
        if body != nil { headers[.contentType] = "application/json" }
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        return APIResponse(
            status: response.status, headers: response.headers, bytes: Array(response.body.readableBytesView))
    }

    /// `GET uri` with a bearer token.
    func get(_ uri: String, token: String?, headers: [String: String] = [:]) async throws -> APIResponse {
        try await send(.get, uri, token: token, headers: headers)
    }

    /// `POST uri` with a JSON body and a fresh idempotency key unless one is given.
    func post(
        _ uri: String, token: String?, json: JSONValue, idempotencyKey: String? = UUID().uuidString
    ) async throws -> APIResponse {
        try await send(.post, uri, token: token, idempotencyKey: idempotencyKey, body: json.canonicalBytes())
    }

    /// `POST uri` with a raw body.
    func post(
        _ uri: String, token: String?, raw: String, idempotencyKey: String? = UUID().uuidString
    ) async throws -> APIResponse {
        try await send(.post, uri, token: token, idempotencyKey: idempotencyKey, body: Array(raw.utf8))
    }

    /// Logs in through the API and returns the bearer token.
    func login(_ userID: String, password: String = APIFixture.password) async throws -> String {
        let response = try await send(
            .post, "/v1/login",
            body: JSONValue.object(["userId": .string(userID), "password": .string(password)])
                .canonicalBytes())
        guard response.status == .ok, let token = response.json["token"]?.stringValue else {
            throw APITestError.loginFailed(userID, response.status.code)
        }
        return token
    }

    /// Logs in as the fixture's account with `role`.
    func login(as role: Role) async throws -> String {
        try await login(APIFixture.userID(for: role))
    }
}

/// Failures of the test helpers themselves.
enum APITestError: Error {
    case loginFailed(String, Int)
    case unexpected(String)
}
