import EventLog
import Foundation
import Hummingbird
import Testing

/// Worklist, replay, screening log (JSON and CSV), audit replay and verification.
@Suite("Report endpoints")
struct ReportEndpointTests {
    @Test("the worklist lists subjects now and as of an earlier day")
    func worklist() async throws {
        try await APIFixture.run { client, _ in
            let screening = try await Screening.begin(client)
            try await screening.registerConsented("S-0201")
            let now = try await client.get("/v1/worklist", token: screening.token(.coordinator))
            #expect(now.status == .ok)
            #expect(now.text.contains("S-0201"))
            let before = try await client.get("/v1/worklist?asOf=2026-11-19", token: screening.token(.coordinator))
            #expect(before.status == .ok)
            #expect(!before.text.contains("S-0201"))
            let bad = try await client.get("/v1/worklist?asOf=yesterday", token: screening.token(.coordinator))
            #expect(bad.status == .badRequest)
            #expect(bad.json["field"] == "asOf")
        }
    }

    @Test("replay needs asOf and answers JSON or CSV")
    func replay() async throws {
        try await APIFixture.run { client, _ in
            let screening = try await Screening.begin(client)
            try await screening.register("S-0202")
            let token = screening.token(.monitor)
            let missing = try await client.get("/v1/replay", token: token)
            #expect(missing.status == .badRequest)
            #expect(missing.json["field"] == "asOf")
            let json = try await client.get("/v1/replay?asOf=2026-11-20", token: token)
            #expect(json.status == .ok)
            #expect(json.text.contains("S-0202"))
            let csv = try await client.get("/v1/replay?asOf=2026-11-20&format=csv", token: token)
            #expect(csv.status == .ok)
            #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("S-0202"))
        }
    }

    @Test("the screening log comes as JSON, or as CSV by format or Accept")
    func screeningLog() async throws {
        try await APIFixture.run { client, _ in
            let screening = try await Screening.begin(client)
            try await screening.registerConsented("S-0203")
            let token = screening.token(.investigator)
            let json = try await client.get("/v1/screening-log", token: token)
            #expect(json.status == .ok)
            #expect(json.json["rows"] != nil)
            #expect(json.json["consort"] != nil)
            let byFormat = try await client.get("/v1/screening-log?format=csv", token: token)
            let byAccept = try await client.get("/v1/screening-log", token: token, headers: ["Accept": "text/csv"])
            for csv in [byFormat, byAccept] {
                #expect(csv.status == .ok)
                #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
                #expect(csv.text.contains("S-0203"))
                #expect(csv.text.contains("\r\n"))
            }
            #expect(byFormat.bytes == byAccept.bytes)
            let bad = try await client.get("/v1/screening-log?format=xml", token: token)
            #expect(bad.status == .badRequest)
            #expect(bad.json["field"] == "format")
        }
    }

    @Test("the audit replay recomputes every signature")
    func audit() async throws {
        try await APIFixture.run { client, _ in
            let screening = try await Screening.begin(client)
            try await screening.signedEligible("S-0204")
            let response = try await client.get("/v1/audit", token: screening.token(.monitor))
            #expect(response.status == .ok)
            #expect(response.json["allMatch"] == true)
            #expect(response.json["signatures"]?.arrayValue?.count == 1)
        }
    }

    @Test("verification passes through the log verification engine")
    func verification() async throws {
        try await APIFixture.run { client, _ in
            let screening = try await Screening.begin(client)
            let response = try await client.get("/v1/verification", token: screening.token(.admin))
            #expect(response.status == .ok)
            #expect(response.json["result"] == "intact")
            #expect(response.json["keyPinned"] == true)
        }
    }
}
