@testable import EventLog
import Foundation
import LogCrypto
import Testing

/// Lines are prepared (hashed, signatures checked) on several cores; what verification reports
/// must be exactly what a serial pass reports, first failure included.
@Suite("Verification: concurrent preparation")
struct VerificationConcurrencyTests {
    typealias Fixture = VerificationFixture

    /// Enough one-entry checkpoints that checkpoints.jsonl spans two chunks of
    /// `CheckpointHistory.chunkSize`, each prepared as several concurrent tasks.
    static let count = 420

    /// `note` with one base64 character of its signature changed (the key ID stays intact).
    static func withBadSignature(_ note: String) -> String {
        var characters = Array(note)
        let signatureStart = characters.lastIndex(of: " ")! + 1
        let index = signatureStart + 30
        characters[index] = characters[index] == "A" ? "B" : "A"
        return String(characters)
    }

    /// A note correctly signed by the log's key, for `size`, over a wrong root.
    static func wrongRootNote(size: Int, in fixture: Fixture) -> String {
        fixture.signer.sign(
            body: Checkpoint(origin: Fixture.origin, size: Int64(size), rootHash: SHA256.hash("not the root")).body)
    }

    @Test("an intact store with a checkpoint per entry passes, every signature checked")
    func intact() throws {
        let fixture = Fixture(count: Self.count)
        let report = try Fixture.verify(try fixture.write())
        #expect(report.failure == nil, "\(report.failure?.message ?? "")")
        #expect(report.summary.checkpointsVerified == Int64(Self.count))
        #expect(report.summary.entries == Int64(Self.count))
    }

    @Test("a bad signature on a middle checkpoint is reported at its line", arguments: [1, 150, 300, 419])
    func badSignature(index: Int) throws {
        var fixture = Fixture(count: Self.count)
        fixture.notes[index] = Self.withBadSignature(fixture.notes[index])
        let report = try Fixture.verify(try fixture.write(checkpoint: fixture.notes.last))
        let failure = try #require(report.failure)
        #expect(failure.check == .checkpointsSignature, "\(failure.message)")
        #expect(failure.file == "checkpoints.jsonl")
        #expect(failure.line == Int64(index + 1))
        #expect(report.summary.checkpointsVerified == Int64(index))
    }

    @Test("a validly signed checkpoint over a wrong root is reported at its line")
    func badRoot() throws {
        var fixture = Fixture(count: Self.count)
        fixture.notes[200] = Self.wrongRootNote(size: 201, in: fixture)
        let report = try Fixture.verify(try fixture.write())
        let failure = try #require(report.failure)
        #expect(failure.check == .checkpointsRoot, "\(failure.message)")
        #expect(failure.line == 201)
        #expect(report.summary.checkpointsVerified == 200)
    }

    @Test("with several bad checkpoints, the first in file order is the one reported")
    func firstFailureWins() throws {
        var fixture = Fixture(count: Self.count)
        fixture.notes[120] = Self.wrongRootNote(size: 121, in: fixture)
        fixture.notes[310] = Self.withBadSignature(fixture.notes[310])
        var report = try Fixture.verify(try fixture.write())
        #expect(report.failure?.check == .checkpointsRoot)
        #expect(report.failure?.line == 121)

        fixture = Fixture(count: Self.count)
        fixture.notes[120] = Self.withBadSignature(fixture.notes[120])
        fixture.notes[310] = Self.wrongRootNote(size: 311, in: fixture)
        report = try Fixture.verify(try fixture.write())
        #expect(report.failure?.check == .checkpointsSignature)
        #expect(report.failure?.line == 121)
    }

    @Test("an edit deep in a long log is reported at the next line's prev, as before")
    func editInLongLog() throws {
        var fixture = Fixture(count: 3000, checkpointEvery: 100)
        fixture.replaceEntry(2222) { $0.data["value"] = "12.5" }
        let report = try Fixture.verify(try fixture.write())
        let failure = try #require(report.failure)
        #expect(failure.check == .entryPrev)
        #expect(failure.line == 2224)
        #expect(failure.byteOffset == fixture.offset(ofLine: 2224))
        #expect(report.summary.entries == 2223)
    }

    @Test("a stream prepared concurrently hands out the same lines and results as a serial one")
    func streamsAgree() throws {
        // Lines of 0 to 300 bytes, across many small chunks, and an unterminated tail.
        var file: [UInt8] = []
        for index in 0..<2000 {
            file += (0..<(index * 7919 % 301)).map { UInt8(ascii: "a") + UInt8(($0 + index) % 26) }
            file.append(0x0A)
        }
        file += Array("tail".utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)").path
        ScratchDirectories.register(path)
        try Data(file).write(to: URL(fileURLWithPath: path))

        func read(concurrent: Bool) throws -> [String] {
            let stream = try #require(
                try LineStream(
                    path: path, chunkSize: 4096, depth: 2, concurrentPrepare: concurrent,
                    prepare: { SHA256.hash($0) }))
            var items: [String] = []
            while let item = try stream.next() {
                switch item {
                case .line(let bytes, let offset, let number, let hash):
                    #expect(hash == SHA256.hash(bytes))
                    items.append("\(number) \(offset) \(bytes.count) \(hash.hex)")
                case .unterminated(let offset, let byteCount, let number):
                    items.append("unterminated \(number) \(offset) \(byteCount)")
                case .tooLong(let offset, let number):
                    items.append("tooLong \(number) \(offset)")
                }
            }
            return items
        }
        let serial = try read(concurrent: false)
        #expect(serial.count == 2001)
        #expect(serial.last == "unterminated 2001 \(file.count - 4) 4")
        #expect(try read(concurrent: true) == serial)
    }
}
