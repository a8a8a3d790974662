import EventLog
import Foundation
import LogCrypto
import Testing

/// Verification of `recovered/` against the `log.recovered` entries that record it, and of
/// `log.created`'s `formatVersion` (docs/format.md sections 4, 8 and 10).
@Suite("Verification of recovered files")
struct VerificationRecoveredTests {
    typealias Fixture = VerificationFixture

    // MARK: Stores written by LogWriter

    /// A store whose writer crashed mid-append (a torn line in events.jsonl and, optionally, in
    /// checkpoints.jsonl) and was reopened, so that recovery set the bytes aside and recorded them.
    static func recoveredStore(tornCheckpoints: Bool = false) async throws -> (directory: String, recovered: LogEntry) {
        let location = try VerificationOfWrittenStoreTests.location()
        let key = try location.createSigningKey()
        let writer = try await LogWriter.create(
            at: location, origin: VerificationOfWrittenStoreTests.origin, signingKey: key,
            creator: VerificationOfWrittenStoreTests.actor)
        _ = try await writer.append(VerificationOfWrittenStoreTests.drafts(4, from: 0))
        await writer.close()
        try append(Array(#"{"actor":{"id":"u-2001","name":"Sam"#.utf8), to: location.eventsURL)
        if tornCheckpoints { try append(Array(#"{"note":"screening.exa"#.utf8), to: location.checkpointHistoryURL) }
        let reopened = try await LogWriter.open(at: location, signingKey: key)
        await reopened.close()
        let lines = splitLines([UInt8](try Data(contentsOf: location.eventsURL)))
        let recovered = try LogEntry(line: try #require(lines.last))
        #expect(recovered.type == LogWriter.recoveredType)
        return (location.storeURL.path, recovered)
    }

    static func append(_ bytes: [UInt8], to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    static func verify(_ directory: String) throws -> VerificationReport {
        try StoreVerifier(storeDirectory: directory).verify()
    }

    @Test("files recovery set aside match their log.recovered entry: intact, each marked as checked")
    func writtenStoreMatches() async throws {
        let (directory, recovered) = try await Self.recoveredStore(tornCheckpoints: true)
        let report = try Self.verify(directory)
        #expect(report.isIntact, "\(report.failure?.location ?? ""): \(report.failure?.message ?? "")")
        #expect(report.summary.warnings.isEmpty)
        let files = report.summary.recovered
        #expect(files.count == 2)
        #expect(files.allSatisfy { $0.recordedBy == recovered.seq })
        let named = [recovered.data["file"]?.stringValue, recovered.data["checkpointsFile"]?.stringValue]
        #expect(Set(files.map(\.path)) == Set(named.compactMap { $0 }))
        #expect(report.renderedText().contains("size and SHA-256 match log.recovered seq \(recovered.seq)"))
    }

    @Test("a recovered file altered in place fails recovered.sha256, naming the file and the entry's seq")
    func alteredFile() async throws {
        let (directory, recovered) = try await Self.recoveredStore()
        let path = try #require(recovered.data["file"]?.stringValue)
        let url = URL(fileURLWithPath: directory + "/" + path)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[3] ^= 0x01
        try Data(bytes).write(to: url)

        let failure = try #require(try Self.verify(directory).failure)
        #expect(failure.check == .recoveredSHA256)
        #expect(failure.file == path)
        #expect(failure.seq == recovered.seq)
        #expect(failure.expected.hasPrefix(try #require(recovered.data["sha256"]?.stringValue)))
        #expect(failure.found == SHA256.hash(bytes).hex)
    }

    @Test("a recovered file cut short or extended fails recovered.bytes", arguments: [-1, 1])
    func resizedFile(change: Int) async throws {
        let (directory, recovered) = try await Self.recoveredStore(tornCheckpoints: true)
        let path = try #require(recovered.data["checkpointsFile"]?.stringValue)
        let url = URL(fileURLWithPath: directory + "/" + path)
        var bytes = [UInt8](try Data(contentsOf: url))
        if change < 0 { bytes.removeLast() } else { bytes.append(0x0A) }
        try Data(bytes).write(to: url)

        let failure = try #require(try Self.verify(directory).failure)
        #expect(failure.check == .recoveredBytes)
        #expect(failure.file == path)
        #expect(failure.seq == recovered.seq)
        #expect(failure.found == "\(bytes.count) bytes")
        #expect(failure.expected.contains("data.checkpointsFile"))
    }

    @Test("a recorded file missing from recovered/ is a warning, not a failure")
    func absentFile() async throws {
        let (directory, recovered) = try await Self.recoveredStore()
        let path = try #require(recovered.data["file"]?.stringValue)
        try FileManager.default.removeItem(atPath: directory + "/" + path)

        let report = try Self.verify(directory)
        #expect(report.isIntact)
        #expect(report.summary.warnings.map(\.code) == [.recoveredAbsent])
        #expect(report.summary.warnings.first?.file == path)
        #expect(report.summary.warnings.first?.seq == recovered.seq)
        #expect(report.renderedText().contains("WARNING: \(path) (seq \(recovered.seq)) [recovered.absent]"))
    }

    // MARK: Stores built from the format primitives

    /// A log of `count` entries whose entry `seq` is a `log.recovered` with `data`, re-linked and
    /// re-signed as the writer would have written it.
    static func fixture(count: Int = 5, recoveredAt seq: Int = 3, data: [String: JSONValue]) -> Fixture {
        var fixture = Fixture(count: count)
        fixture.replaceEntry(seq) {
            $0.type = "log.recovered"
            $0.actor = LogWriter.systemActor
            $0.subject = nil
            $0.reason = nil
            $0.data = data
        }
        fixture.relink(from: seq + 1)
        fixture.resign(sizes: Array(1...count))
        return fixture
    }

    static func recoveredData(file: String, bytes: [UInt8]) -> [String: JSONValue] {
        [
            "fromSeq": 3, "throughSeq": 3, "entries": 0, "partialLine": true, "bytes": .integer(Int64(bytes.count)),
            "sha256": .string(SHA256.hash(bytes).hex), "file": .string(file),
        ]
    }

    static func writeRecovered(_ bytes: [UInt8], as path: String, in directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory + "/recovered", withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + path))
    }

    @Test("a file in recovered/ that no log.recovered entry names is listed with a warning; the store is intact")
    func unnamedFile() throws {
        let directory = try Fixture(count: 4).write()
        try Self.writeRecovered(Array("{\"torn".utf8), as: "recovered/20260101T080000Z-from-seq-4.jsonl", in: directory)
        let report = try Fixture.verify(directory)
        #expect(report.isIntact)
        #expect(
            report.summary.recovered == [
                RecoveredFile(path: "recovered/20260101T080000Z-from-seq-4.jsonl", byteCount: 6)
            ]
        )
        let warning = try #require(report.summary.warnings.first)
        #expect(report.summary.warnings.count == 1)
        #expect(warning.code == .recoveredUnnamed && warning.file == "recovered/20260101T080000Z-from-seq-4.jsonl")
        #expect(warning.seq == nil)
        #expect(
            report.renderedText().contains("recovered/20260101T080000Z-from-seq-4.jsonl (6 bytes): no log.recovered"))
    }

    @Test("a matching file recorded in a crafted log.recovered entry is checked; an extra one warns")
    func craftedEntry() throws {
        let torn = Array(#"{"actor":"#.utf8)
        let fixture = Self.fixture(data: Self.recoveredData(file: "recovered/a.jsonl", bytes: torn))
        let directory = try fixture.write()
        try Self.writeRecovered(torn, as: "recovered/a.jsonl", in: directory)
        try Self.writeRecovered(torn, as: "recovered/b.jsonl", in: directory)
        let report = try Fixture.verify(directory)
        #expect(report.isIntact, "\(report.failure?.message ?? "")")
        #expect(
            report.summary.recovered == [
                RecoveredFile(path: "recovered/a.jsonl", byteCount: Int64(torn.count), recordedBy: 3),
                RecoveredFile(path: "recovered/b.jsonl", byteCount: Int64(torn.count)),
            ])
        #expect(report.summary.warnings.map(\.code) == [.recoveredUnnamed])

        let json = try JSONValue.parse(Array(report.renderedJSON().utf8))
        let recovered = try #require(json["recovered"]?.arrayValue)
        #expect(recovered.map { $0["recordedBy"] } == [3, .null])
        let warnings = try #require(json["warnings"]?.arrayValue)
        #expect(warnings.count == 1)
        #expect(warnings.first?["code"] == "recovered.unnamed")
        #expect(warnings.first?["file"] == "recovered/b.jsonl")
        #expect(warnings.first?["seq"] == .null)
    }

    static let valid = recoveredData(file: "recovered/a.jsonl", bytes: [0x7B])

    static func changed(_ change: (inout [String: JSONValue]) -> Void) -> [String: JSONValue] {
        var data = valid
        change(&data)
        return data
    }

    @Test(
        "a log.recovered entry that does not describe its files fails recovered.entry at its line",
        arguments: [
            changed { $0["file"] = "../events.jsonl" },
            changed { $0["file"] = "recovered/../events.jsonl" },
            changed { $0["file"] = "recovered/" },
            changed { $0["file"] = "recovered/.." },
            changed { $0["file"] = "elsewhere/a.jsonl" },
            changed { $0["file"] = 7 },
            changed { $0["file"] = nil },
            changed { $0["bytes"] = nil },
            changed { $0["bytes"] = -1 },
            changed { $0["bytes"] = "1" },
            changed { $0["sha256"] = nil },
            changed { $0["sha256"] = .string(SHA256.hash([0x7B]).hex.uppercased()) },
            changed { $0["sha256"] = .string(String(SHA256.hash([0x7B]).hex.dropLast())) },
            changed { $0["checkpointsFile"] = "recovered/c.jsonl" },
            changed { $0["checkpointsSha256"] = .string(SHA256.hash([]).hex) },
        ])
    func malformedEntry(data: [String: JSONValue]) throws {
        let fixture = Self.fixture(data: data)
        let failure = try #require(try Fixture.verify(try fixture.write()).failure)
        #expect(failure.check == .recoveredEntry)
        #expect(failure.file == "events.jsonl" && failure.line == 4 && failure.seq == 3)
        #expect(failure.byteOffset == fixture.offset(ofLine: 4))
    }

    @Test("a log.recovered entry that set aside no event bytes (bytes 0, no file) is valid")
    func nothingAside() throws {
        let data: [String: JSONValue] = ["fromSeq": 3, "entries": 0, "bytes": 0, "partialLine": false]
        let report = try Fixture.verify(try Self.fixture(data: data).write())
        #expect(report.isIntact, "\(report.failure?.message ?? "")")
        #expect(report.summary.warnings.isEmpty)
    }

    // MARK: log.created's formatVersion

    @Test(
        "log.created's formatVersion must be 1 when present",
        arguments: [(JSONValue?.none, true), (1, true), (2, false), (0, false), ("1", false), (.null, false)])
    func formatVersion(value: JSONValue?, intact: Bool) throws {
        var fixture = Fixture(count: 3)
        fixture.replaceEntry(0) { $0.data["formatVersion"] = value }
        fixture.relink()
        fixture.resign(sizes: [3])
        let report = try Fixture.verify(try fixture.write())
        #expect(report.isIntact == intact)
        if !intact {
            #expect(report.failure?.check == .entryLogCreated && report.failure?.line == 1)
            #expect(report.failure?.expected == "data.formatVersion 1 (or absent)")
        }
    }

    // MARK: The specification

    @Test("docs/format.md lists every check code and warning code")
    func codesDocumented() throws {
        let spec = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("docs/format.md"),
            encoding: .utf8)
        let codes = VerificationCheck.allCases.map(\.rawValue) + VerificationWarning.Code.allCases.map(\.rawValue)
        for code in codes {
            #expect(spec.contains("| `\(code)` |"), "docs/format.md has no table row for \(code)")
        }
    }
}
