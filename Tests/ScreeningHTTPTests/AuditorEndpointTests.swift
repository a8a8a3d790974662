import EventLog
import Foundation
import Hummingbird
import Testing

/// `GET /checkpoint`, `GET /checkpoints` and `GET /log`: an auditor's copy that `verify` accepts.
@Suite("Auditor endpoints")
struct AuditorEndpointTests {
    /// The store's files as stored.
    static func storedFile(_ fixture: APIFixture, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixture.storeDirectory.appendingPathComponent(name)))
    }

    /// The verifier key, as an auditor would hold it apart from the store.
    static func pinnedKey(_ fixture: APIFixture) throws -> StoreVerifier.KeyTrust {
        let location = StoreLocation(
            store: fixture.service.configuration.storeDirectory, secrets: fixture.service.configuration.secretsDirectory
        )
        let signer = NoteSigner(name: fixture.service.configuration.origin, key: try location.loadSigningKey())
        return .pinned(signer.verifierKey)
    }

    /// Downloads the three files pinned to the latest checkpoint into a new directory.
    static func download(_ client: APIClient, token: String, into directory: URL) async throws -> Int64 {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let checkpoint = try await client.get("/checkpoint", token: nil)
        #expect(checkpoint.status == .ok)
        let size = try #require(checkpoint.header("X-Checkpoint-Size").flatMap { Int64($0) })
        let checkpoints = try await client.get("/checkpoints?size=\(size)", token: token)
        let log = try await client.get("/log?size=\(size)", token: token)
        #expect(checkpoints.status == .ok && log.status == .ok)
        #expect(log.header("Content-Type") == "application/x-ndjson")
        try Data(checkpoint.bytes).write(to: directory.appendingPathComponent("checkpoint"))
        try Data(checkpoints.bytes).write(to: directory.appendingPathComponent("checkpoints.jsonl"))
        try Data(log.bytes).write(to: directory.appendingPathComponent("events.jsonl"))
        return size
    }

    @Test("the latest checkpoint is public and byte-identical to the stored file")
    func checkpoint() async throws {
        try await APIFixture.run { client, fixture in
            let response = try await client.get("/checkpoint", token: nil)
            #expect(response.status == .ok)
            #expect(response.bytes == (try Self.storedFile(fixture, "checkpoint")))
            #expect(response.header("X-Checkpoint-Size") == String(fixture.logSize))
            #expect(response.text.hasPrefix(fixture.service.configuration.origin + "\n\(fixture.logSize)\n"))
        }
    }

    @Test("the log and the checkpoint history need a token")
    func tokenRequired() async throws {
        try await APIFixture.run { client, _ in
            for path in ["/log", "/checkpoints"] {
                let response = try await client.get(path, token: nil)
                #expect(response.status == .unauthorized, "\(path)")
            }
        }
    }

    @Test("a downloaded copy is the stored files byte for byte and verifies with the pinned key")
    func downloadVerifies() async throws {
        try await APIFixture.run { client, fixture in
            let token = try await client.login(as: .monitor)
            let directory = fixture.directory.appendingPathComponent("auditor-copy", isDirectory: true)
            let size = try await Self.download(client, token: token, into: directory)
            #expect(size == fixture.logSize)
            for name in ["events.jsonl", "checkpoints.jsonl", "checkpoint"] {
                let copy = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
                #expect(copy == (try Self.storedFile(fixture, name)), "\(name)")
            }
            let report = try StoreVerifier(storeDirectory: directory.path, keyTrust: try Self.pinnedKey(fixture))
                .verify()
            #expect(report.isIntact, "\(String(describing: report.failure))")
            #expect(report.summary.entries == size)
        }
    }

    @Test("downloads pinned to an earlier checkpoint agree while the log grows")
    func pinnedToCheckpoint() async throws {
        try await APIFixture.run { client, fixture in
            let admin = try await client.login(as: .admin)
            let early = try await client.get("/checkpoint", token: nil)
            let size = try #require(early.header("X-Checkpoint-Size").flatMap { Int64($0) })
            for index in 0..<3 {
                let response = try await client.post(
                    "/v1/users", token: admin,
                    json: [
                        "id": .string("late\(index)"), "name": "Lee Late", "role": "monitor",
                        "password": "synthetic-pass-phrase-45",
                    ])
                #expect(response.status == .created)
            }
            #expect(fixture.logSize > size)

            let directory = fixture.directory.appendingPathComponent("pinned-copy", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let checkpoints = try await client.get("/checkpoints?size=\(size)", token: admin)
            let log = try await client.get("/log?size=\(size)", token: admin)
            #expect(log.header("X-Checkpoint-Size") == String(size))
            #expect(log.bytes.filter { $0 == UInt8(ascii: "\n") }.count == Int(size))
            let stored = try Self.storedFile(fixture, "events.jsonl")
            #expect(Array(stored.prefix(log.bytes.count)) == log.bytes)
            try Data(early.bytes).write(to: directory.appendingPathComponent("checkpoint"))
            try Data(checkpoints.bytes).write(to: directory.appendingPathComponent("checkpoints.jsonl"))
            try Data(log.bytes).write(to: directory.appendingPathComponent("events.jsonl"))
            let report = try StoreVerifier(storeDirectory: directory.path, keyTrust: try Self.pinnedKey(fixture))
                .verify()
            #expect(report.isIntact, "\(String(describing: report.failure))")
            #expect(report.summary.entries == size)

            let beyond = try await client.get("/log?size=\(fixture.logSize + 5)", token: admin)
            #expect(beyond.status == .badRequest)
            #expect(beyond.json["field"] == "size")
        }
    }

    @Test("from selects the first seq; bad values are 400 naming the parameter")
    func fromParameter() async throws {
        try await APIFixture.run { client, fixture in
            let token = try await client.login(as: .coordinator)
            let stored = try Self.storedFile(fixture, "events.jsonl")
            let lines = stored.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
            let size = fixture.logSize

            let tail = try await client.get("/log?from=2&size=\(size)", token: token)
            #expect(tail.status == .ok)
            let expected = lines.dropFirst(2).flatMap { Array($0) + [UInt8(ascii: "\n")] }
            #expect(tail.bytes == expected)

            let empty = try await client.get("/log?from=\(size)&size=\(size)", token: token)
            #expect(empty.status == .ok)
            #expect(empty.bytes.isEmpty)

            for bad in ["-1", "x", "1.5"] {
                let response = try await client.get("/log?from=\(bad)", token: token)
                #expect(response.status == .badRequest, "\(bad)")
                #expect(response.json["field"] == "from")
            }
        }
    }

    @Test("the line prefix helper counts lines across chunks")
    func prefixHelper() {
        let chunk = Array("a\nbb\nccc".utf8)[...]
        #expect(ScreeningAPIProbe.prefix(chunk, lines: 1) == (Array("a\n".utf8), 1))
        #expect(ScreeningAPIProbe.prefix(chunk, lines: 2) == (Array("a\nbb\n".utf8), 2))
        #expect(ScreeningAPIProbe.prefix(chunk, lines: 5) == (Array("a\nbb\nccc".utf8), 2))
    }
}
