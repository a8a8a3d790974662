import EventLog
import Foundation
import Hummingbird
import ScreeningApp
import Testing

@testable import ScreeningHTTP

/// Bad input through the router: each case gets its status and a problem naming the field, and
/// the log does not change.
@Suite("Bad input")
struct BadInputTests {
    /// One bad request against subject S-0001 (registered and consented) or the accounts.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var role: Role
        var path: String
        var body: String
        var status: HTTPResponse.Status
        var field: String
        var code: String? = nil

        var testDescription: String { name }
    }

    static let assessments = "/v1/subjects/S-0001/assessments"

    static let cases: [Case] = [
        Case(
            name: "malformed JSON", role: .coordinator, path: assessments, body: #"{"input": "ecog", "value": "#,
            status: .badRequest, field: "body", code: "json.malformed"),
        Case(
            name: "a number with a fraction", role: .coordinator, path: assessments,
            body: #"{"input":"ecog","value":{"number":0.1}}"#, status: .badRequest, field: "number",
            code: "json.number_fraction"),
        Case(
            name: "sign without meaning", role: .investigator, path: "/v1/subjects/S-0001/sign",
            body: #"{"evaluationSHA256":"0000000000000000000000000000000000000000000000000000000000000000","password":"synthetic-pass-phrase-42"}"#,
            status: .badRequest, field: "meaning", code: "field.missing"),
        Case(
            name: "duplicate member", role: .coordinator, path: assessments,
            body: #"{"input":"ecog","input":"spo2","value":{"number":"1"}}"#, status: .badRequest, field: "body"),
        Case(
            name: "not an object", role: .coordinator, path: assessments, body: #"["ecog"]"#,
            status: .badRequest, field: "body", code: "body.not_object"),
        Case(
            name: "wrong type: input is a number", role: .coordinator, path: assessments,
            body: #"{"input":7,"value":{"number":"1"}}"#, status: .badRequest, field: "input"),
        Case(
            name: "wrong type: dateSigned is a number", role: .coordinator, path: "/v1/subjects/S-0001/consent",
            body: #"{"formVersion":"2.0","dateSigned":20261118}"#, status: .badRequest, field: "dateSigned"),
        Case(
            name: "missing field: value", role: .coordinator, path: assessments, body: #"{"input":"ecog"}"#,
            status: .badRequest, field: "value"),
        Case(
            name: "missing field: screeningDate", role: .coordinator, path: "/v1/subjects",
            body: #"{"screeningNumber":"S-0002"}"#, status: .badRequest, field: "screeningDate"),
        Case(
            name: "missing field: user name", role: .admin, path: "/v1/users",
            body: #"{"id":"zed","role":"monitor","password":"synthetic-pass-phrase-51"}"#, status: .badRequest,
            field: "name"),
        Case(
            name: "ECOG 7", role: .coordinator, path: assessments, body: #"{"input":"ecog","value":{"number":"7"}}"#,
            status: .unprocessableContent, field: "value", code: "value.out_of_range"),
        Case(
            name: "SpO2 130", role: .coordinator, path: assessments,
            body: #"{"input":"spo2","value":{"number":"130"},"unit":"%"}"#,
            status: .unprocessableContent, field: "value", code: "value.out_of_range"),
        Case(
            name: "negative lab value", role: .coordinator, path: assessments,
            body: #"{"input":"ast","value":{"number":"-3"},"unit":"U/L","uln":"40"}"#,
            status: .unprocessableContent, field: "value"),
        Case(
            name: "ULN 0", role: .coordinator, path: assessments,
            body: #"{"input":"ast","value":{"number":"30"},"unit":"U/L","uln":"0"}"#,
            status: .unprocessableContent, field: "uln"),
        Case(
            name: "unknown criterion input", role: .coordinator, path: assessments,
            body: #"{"input":"shoe_size","value":{"number":"42"}}"#,
            status: .unprocessableContent, field: "input", code: "input.unknown"),
        Case(
            name: "unknown subject", role: .coordinator, path: "/v1/subjects/S-4040/assessments",
            body: #"{"input":"ecog","value":{"number":"1"}}"#, status: .notFound, field: "subject"),
        Case(
            name: "unknown user", role: .admin, path: "/v1/users/ghost/unlock", body: "{}",
            status: .notFound, field: "target"),
        Case(
            name: "invalid role", role: .admin, path: "/v1/users/coord/role", body: #"{"role":"superuser"}"#,
            status: .unprocessableContent, field: "role"),
    ]

    /// Registers and consents S-0001.
    static func prepare(_ screening: Screening) async throws {
        try await screening.registerConsented("S-0001")
    }

    @Test("each bad request gets its status and names the field; nothing is appended", arguments: cases)
    func badRequest(_ bad: Case) async throws {
        try await APIFixture.run { client, fixture in
            let screening = try await Screening.begin(client)
            try await Self.prepare(screening)
            let before = fixture.logSize
            let response = try await client.post(bad.path, token: screening.token(bad.role), raw: bad.body)
            #expect(response.status == bad.status, "\(response.text)")
            #expect(response.header("Content-Type") == "application/problem+json")
            let problem = response.json
            #expect(problem["field"]?.stringValue == bad.field, "\(response.text)")
            if let code = bad.code { #expect(problem["code"]?.stringValue == code) }
            #expect(problem["status"]?.integerValue == Int64(bad.status.code))
            #expect(problem["title"]?.stringValue == bad.status.reasonPhrase)
            #expect(problem["type"]?.stringValue?.hasPrefix("urn:screening:problem:") == true)
            #expect(problem["requestId"]?.stringValue == response.header("X-Request-Id"))
            #expect(problem["detail"]?.stringValue?.isEmpty == false)
            #expect(fixture.logSize == before)
        }
    }

    @Test("a body over the limit is 413 before parsing, whatever it holds")
    func oversized() async throws {
        try await APIFixture.run { client, fixture in
            let screening = try await Screening.begin(client)
            try await Self.prepare(screening)
            let before = fixture.logSize
            let padding = String(repeating: "x", count: HTTPConfiguration.defaultMaxBodyBytes + 1)
            for body in [#"{"input":"ecog","value":{"number":"1"},"sourceDocument":"\#(padding)"}"#, padding] {
                let response = try await client.post(Self.assessments, token: screening.token(.coordinator), raw: body)
                #expect(response.status == .contentTooLarge)
                #expect(response.json["field"] == "body")
                #expect(response.json["code"] == "body.too_large")
            }
            #expect(fixture.logSize == before)
        }
    }

    @Test("a streamed body without Content-Length is cut off at the limit")
    func streamedOversized() async throws {
        let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 1000)
        let body = RequestBody(asyncSequence: Array(repeating: chunk, count: 70).async)
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/"), body: body)
        await #expect(throws: Problem.tooLarge(limit: 64 * 1024)) {
            _ = try await request.collectBody(limit: 64 * 1024)
        }
        let small = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/"),
            body: RequestBody(asyncSequence: [chunk, chunk].async))
        #expect(try await small.collectBody(limit: 64 * 1024).count == 2000)
    }

    @Test("signing a stale evaluation is 409 naming evaluationSHA256; nothing is signed")
    func staleEvaluation() async throws {
        try await APIFixture.run { client, fixture in
            let screening = try await Screening.begin(client)
            try await screening.registerConsented("S-0003")
            try await screening.recordEligibleMan("S-0003")
            let shown = try await screening.signatureShown("S-0003")
            // The data changes after the investigator looked: a correction with its reason.
            var correction = Screening.number("ecog", "2").objectValue!
            correction["supersedes"] = .integer(try await screening.currentSeq("S-0003", input: "ecog"))
            correction["reason"] = "transcription error"
            try await screening.write("/v1/subjects/S-0003/corrections", as: .coordinator, .object(correction))
            let before = fixture.logSize
            let response = try await client.post(
                "/v1/subjects/S-0003/sign", token: screening.token(.investigator), json: shown)
            #expect(response.status == .conflict)
            #expect(response.json["field"] == "evaluationSHA256")
            #expect(response.json["code"] == "evaluation.stale")
            #expect(fixture.logSize == before)
        }
    }

    @Test("a replayed idempotency key with a different body is 409; nothing is appended")
    func replayedKey() async throws {
        try await APIFixture.run { client, fixture in
            let screening = try await Screening.begin(client)
            try await Self.prepare(screening)
            let token = screening.token(.coordinator)
            let first = try await client.post(
                Self.assessments, token: token, json: Screening.number("ecog", "1"), idempotencyKey: "ecog-S-0001")
            #expect(first.status == .ok)
            let before = fixture.logSize
            let second = try await client.post(
                Self.assessments, token: token, json: Screening.number("ecog", "2"), idempotencyKey: "ecog-S-0001")
            #expect(second.status == .conflict)
            #expect(second.header("Content-Type") == "application/problem+json")
            #expect(second.json["field"] == "Idempotency-Key")
            #expect(fixture.logSize == before)
        }
    }
}

extension Array where Element: Sendable {
    /// The elements as an async sequence, for streamed request bodies.
    fileprivate var async: AsyncStream<Element> {
        AsyncStream { continuation in
            for element in self { continuation.yield(element) }
            continuation.finish()
        }
    }
}
