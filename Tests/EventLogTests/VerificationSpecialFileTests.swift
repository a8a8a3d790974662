import EventLog
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A received store may hold a FIFO where a file belongs: verification must not wait on it.
@Suite("Verification of a store with special files")
struct VerificationSpecialFileTests {
    /// A fixture store whose `name` is replaced by a FIFO.
    static func storeWithFIFO(named name: String) throws -> String {
        let directory = try VerificationFixture(count: 3).write()
        let path = directory + "/" + name
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o644) == 0)
        return directory
    }

    @Test("a FIFO in place of events.jsonl or checkpoint is reported unreadable, without hanging", arguments: [
        "events.jsonl", "checkpoint",
    ])
    func fifo(name: String) throws {
        let directory = try Self.storeWithFIFO(named: name)
        let error = #expect(throws: VerificationError.self) { _ = try VerificationFixture.verify(directory) }
        #expect(error?.code == "input.unreadable")
        #expect(error?.reason.contains("not a regular file") == true)
    }

    @Test("a FIFO in place of checkpoints.jsonl is reported, without hanging")
    func fifoHistory() throws {
        let directory = try Self.storeWithFIFO(named: "checkpoints.jsonl")
        #expect(throws: VerificationError.self) { _ = try VerificationFixture.verify(directory) }
    }
}
