import EventLog
import Hummingbird
import ScreeningApp

extension ScreeningAPI {
    /// `POST /v1/login` `{userId, password}` -> `{token, expiresAt, user}`, and `POST /v1/logout`
    /// (bearer token) -> 204. Neither takes an `Idempotency-Key`: a login starts a new session
    /// each time by design, and logging out twice is answered 401 the second time.
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
        ]
    }
}
