import EventLog
import Foundation
import Hummingbird
import LogCrypto
import ScreeningApp
import Testing

/// `GET /v1/audit-trail`, and exports (screening log CSV, replay, trail CSV) recorded in the log.
@Suite("Audit trail and recorded exports")
struct AuditTrailEndpointTests {
    /// The entries appended since `size`, read from the store.
    static func entries(_ fixture: APIFixture, since size: Int64) throws -> [LogEntry] {
        let cursor = try fixture.service.logReader.entries(from: size)
        return try cursor.collect()
    }

    /// Exactly one `export.performed` entry was appended since `size`, by `userID` via http,
    /// whose sha256 is that of `response`'s body.
    static func expectOneExport(
        _ fixture: APIFixture, since size: Int64, of response: APIResponse, by userID: String, what: String, format: String
    ) throws -> LogEntry {
        let appended = try entries(fixture, since: size)
        #expect(appended.count == 1)
        let entry = try #require(appended.first)
        #expect(entry.type == "export.performed")
        #expect(entry.actor.id == userID && entry.data["via"] == "http")
        #expect(entry.data["what"]?.stringValue == what && entry.data["format"]?.stringValue == format)
        #expect(entry.data["sha256"]?.stringValue == SHA256.hash(response.bytes).hex)
        return entry
    }

    @Test("the trail filters by user, type prefix, subject and time, pages, and answers CSV")
    func trail() async throws {
        try await APIFixture.run { client, fixture in
            let screening = try await Screening.begin(client)
            try await screening.registerConsented("S-0701")
            let token = screening.token(.monitor)

            let accounts = try await client.get("/v1/audit-trail?type=user.", token: token)
            #expect(accounts.status == .ok)
            let rows = try #require(accounts.json["entries"]?.arrayValue)
            #expect(!rows.isEmpty)
            #expect(rows.allSatisfy { $0["type"]?.stringValue?.hasPrefix("user.") == true })
            #expect(rows.contains { $0["type"] == "user.login" && $0["actor"]?["id"] == "coord" })
            #expect(!accounts.text.contains("idempotencyKey"))

            let byUser = try await client.get("/v1/audit-trail?user=coord", token: token)
            #expect(byUser.json["entries"]?.arrayValue?.allSatisfy { $0["actor"]?["id"] == "coord" } == true)
            let subject = try await client.get("/v1/audit-trail?subject=S-0701", token: token)
            let subjectRows = try #require(subject.json["entries"]?.arrayValue)
            #expect(subjectRows.count >= 2 && subjectRows.allSatisfy { $0["subject"] == "S-0701" })
            #expect(subjectRows.allSatisfy { $0["via"] == "http" && $0["atSite"] != nil })
            let past = try await client.get("/v1/audit-trail?to=2000-01-01", token: token)
            #expect(past.json["entries"]?.arrayValue?.isEmpty == true)

            let page = try await client.get("/v1/audit-trail?limit=2", token: token)
            #expect(page.json["entries"]?.arrayValue?.count == 2)
            let next = try #require(page.json["nextSeq"]?.integerValue)
            let second = try await client.get("/v1/audit-trail?limit=2&fromSeq=\(next)", token: token)
            #expect(second.json["entries"]?.arrayValue?.first?["seq"]?.integerValue == next)

            for bad in ["limit=0", "limit=x", "fromSeq=-1", "from=someday", "format=xml"] {
                let response = try await client.get("/v1/audit-trail?\(bad)", token: token)
                #expect(response.status == .badRequest, "\(bad)")
            }

            let before = fixture.logSize
            let csv = try await client.get("/v1/audit-trail?type=user.&format=csv", token: token)
            #expect(csv.status == .ok)
            #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("seq,at_utc,at_site,type,actor_id"))
            let entry = try Self.expectOneExport(fixture, since: before, of: csv, by: "mon", what: "audit-trail", format: "csv")
            #expect(entry.data["parameters"]?["type"] == "user.")
            #expect(entry.data["rowCount"]?.integerValue == Int64(csv.text.split(whereSeparator: \.isNewline).count - 1))
        }
    }

    @Test("monitors and admins may read the trail; admins see no subject's entries; others get 403")
    func access() async throws {
        try await APIFixture.run { client, fixture in
            let screening = try await Screening.begin(client)
            try await screening.registerConsented("S-0702")
            let before = fixture.logSize
            for role in [Role.coordinator, .investigator] {
                let response = try await client.get("/v1/audit-trail", token: screening.token(role))
                #expect(response.status == .forbidden, "\(role)")
                let csv = try await client.get("/v1/audit-trail?format=csv", token: screening.token(role))
                #expect(csv.status == .forbidden, "\(role)")
            }
            #expect(try await client.get("/v1/audit-trail", token: nil).status == .unauthorized)
            let admin = try await client.get("/v1/audit-trail?limit=5000", token: screening.token(.admin))
            #expect(admin.status == .ok)
            let rows = try #require(admin.json["entries"]?.arrayValue)
            #expect(rows.contains { $0["type"] == "user.created" })
            #expect(rows.allSatisfy { $0["subject"] == nil })
            let adminSubject = try await client.get("/v1/audit-trail?subject=S-0702", token: screening.token(.admin))
            #expect(adminSubject.status == .forbidden)
            #expect(fixture.logSize == before)
        }
    }

    @Test("serving a screening log CSV or a replay appends exactly one export.performed; a refused export appends nothing")
    func exportsRecorded() async throws {
        try await APIFixture.run { client, fixture in
            let screening = try await Screening.begin(client)
            try await screening.registerConsented("S-0703")

            var before = fixture.logSize
            let log = try await client.get("/v1/screening-log?format=csv", token: screening.token(.investigator))
            #expect(log.status == .ok)
            let logEntry = try Self.expectOneExport(fixture, since: before, of: log, by: "inv", what: "screening-log", format: "csv")
            #expect(logEntry.data["rowCount"] == .integer(1))

            before = fixture.logSize
            let json = try await client.get("/v1/screening-log", token: screening.token(.investigator))
            #expect(json.status == .ok && fixture.logSize == before)

            let replay = try await client.get("/v1/replay?asOf=2030-01-01&format=csv", token: screening.token(.coordinator))
            #expect(replay.status == .ok && replay.text.contains("S-0703"))
            let replayEntry = try Self.expectOneExport(fixture, since: before, of: replay, by: "coord", what: "replay", format: "csv")
            #expect(replayEntry.data["parameters"]?["asOf"] == "2030-01-01")

            before = fixture.logSize
            let replayJSON = try await client.get("/v1/replay?asOf=2030-01-01", token: screening.token(.monitor))
            #expect(replayJSON.status == .ok)
            _ = try Self.expectOneExport(fixture, since: before, of: replayJSON, by: "mon", what: "replay", format: "json")

            before = fixture.logSize
            let refused = try await client.get("/v1/screening-log?format=csv", token: screening.token(.admin))
            #expect(refused.status == .forbidden)
            let noAsOf = try await client.get("/v1/replay?format=csv", token: screening.token(.monitor))
            #expect(noAsOf.status == .badRequest)
            let badAsOf = try await client.get("/v1/replay?asOf=soon&format=csv", token: screening.token(.monitor))
            #expect(badAsOf.status == .badRequest)
            #expect(fixture.logSize == before)
        }
    }
}
