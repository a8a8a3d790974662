import EventLog
import Hummingbird
import ScreeningApp

extension ScreeningAPI {
    /// `POST /v1/login` `{userId, password}` -> `{token, expiresAt, user, passwordChangeRequired}`,
    /// `POST /v1/logout` (bearer token) -> 204, and `POST /v1/password` (bearer token)
    /// `{currentPassword, newPassword}` -> 204. None takes an `Idempotency-Key`: a login starts a
    /// new session each time by design, logging out twice is answered 401 the second time, and a
    /// password change ends every session of the account (a retry is answered 401).
    func addSessionRoutes(to router: Router<Context>) {
        router.post("/v1/login") { request, _ in
            let body = try await request.jsonObjectBody(limit: configuration.maxBodyBytes)
            let userID = try JSONFields.requiredString("userId", in: body)
            let password = try JSONFields.requiredString("password", in: body)
            let session = try await service.login(userID: userID, password: password, via: .http)
            return JSONResponse.make(Self.sessionJSON(session))
        }
        router.post("/v1/logout") { request, _ in
            try await service.logout(token: BearerToken.require(in: request), via: .http)
            return Response(status: .noContent)
        }
        router.post("/v1/password") { request, _ in
            // The one request a session from an administrator-set password may make.
            let user = try service.authenticate(token: BearerToken.require(in: request), allowingTemporaryPassword: true)
            let body = try await request.jsonObjectBody(limit: configuration.maxBodyBytes)
            let current = try JSONFields.requiredString("currentPassword", in: body)
            let new = try JSONFields.requiredString("newPassword", in: body)
            try await service.changePassword(userID: user.id, currentPassword: current, newPassword: new, via: .http)
            return Response(status: .noContent)
        }
    }

    /// `{token, expiresAt, user: {id, name, role}}`; `expiresAt` is UTC, microseconds.
    static func sessionJSON(_ session: Session) -> JSONValue {
        [
            "token": .string(session.token),
            "expiresAt": .string(session.expiresAt.formatted),
            "user": [
                "id": .string(session.user.id), "name": .string(session.user.name),
                "role": .string(session.user.role.rawValue),
            ],
            "passwordChangeRequired": .bool(session.passwordChangeRequired),
        ]
    }
}
