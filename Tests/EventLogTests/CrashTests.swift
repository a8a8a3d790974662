import EventLog
import Foundation
import LogCrypto
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Crash: SIGKILL during concurrent appends")
struct CrashTests {
    @Test("every acknowledged event survives SIGKILL; recovery leaves a verifiable log")
    func killedWriter() async throws {
        let store = ScratchStore()
        var acknowledged = Set<Int64>()
        // Two rounds: the second kill lands on a store that has been recovered once already.
        for round in 0..<2 {
            let target = 300 * (round + 1)
            let acks = try runUntilKilled(store: store, minimumAcks: 300)
            acknowledged.formUnion(acks)
            #expect(acknowledged.count >= target)

            let key = try store.location.loadSigningKey()
            let writer = try await LogWriter.open(at: store.location, signingKey: key)
            await writer.close()
            let entries = try checkStoreIntegrity(store.location)
            let present = Set(entries.map(\.seq))
            let missing = acknowledged.subtracting(present)
            #expect(missing.isEmpty, "acknowledged but lost: \(missing.sorted().prefix(10))")
            for seq in acknowledged where seq < entries.count {
                #expect(entries[Int(seq)].type == "crash.tick")
            }
        }
    }

    @Test("a failed write poisons the writer: every later call fails, reopening recovers")
    func poisonedByWriteFailure() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        try await writer.append((0..<10).map { draft(subject: "S-\($0)") })
        await writer.close()
        let sizeBefore = try store.eventsBytes().count

        // Writes beyond ~30 KB fail with EFBIG, typically in the middle of a batch.
        let process = Process()
        process.executableURL = try crashWriterExecutable()
        process.arguments = [store.location.storeURL.path, "8", String(sizeBefore + 30_000)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 4)

        var acks = Set<Int64>()
        var errors: [String] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("ACK "), let seq = Int64(line.dropFirst(4)) { acks.insert(seq) }
            if line.hasPrefix("ERR ") { errors.append(String(line.dropFirst(4))) }
        }
        #expect(!acks.isEmpty)
        #expect(errors.count == 8, "every task saw the failure")
        #expect(errors.allSatisfy { $0 == "store.poisoned" })

        let key = try store.location.loadSigningKey()
        let reopened = try await LogWriter.open(at: store.location, signingKey: key)
        await reopened.close()
        let entries = try checkStoreIntegrity(store.location)
        #expect(acks.isSubset(of: Set(entries.map(\.seq))))
        // Almost always the limit cuts a line, which recovery sets aside; only if it fell exactly
        // on a batch boundary is there nothing to set aside.
        let recovered = try store.recoveredFiles()
        #expect(recovered.count <= 1)
        #expect((entries.last?.type == "log.recovered") == (recovered.count == 1))
    }

    /// Starts log-crash-writer on `store`, reads ACK lines until at least `minimumAcks`, sends
    /// SIGKILL, and returns every seq it acknowledged.
    private func runUntilKilled(store: ScratchStore, minimumAcks: Int) throws -> Set<Int64> {
        let process = Process()
        process.executableURL = try crashWriterExecutable()
        process.arguments = [store.location.storeURL.path, "32"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()

        var acks = Set<Int64>()
        var pending: [UInt8] = []
        let reader = output.fileHandleForReading
        let deadline = Date().addingTimeInterval(60)
        while acks.count < minimumAcks, Date() < deadline {
            let data = reader.availableData
            if data.isEmpty { break }  // the writer exited
            pending += data
            parse(&pending, into: &acks)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // ACKs printed before the kill are still in the pipe.
        pending += reader.readDataToEndOfFile()
        parse(&pending, into: &acks)
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(acks.count >= minimumAcks)
        return acks
    }

    private func parse(_ pending: inout [UInt8], into acks: inout Set<Int64>) {
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = String(decoding: pending[..<newline], as: UTF8.self)
            pending.removeSubrange(...newline)
            if line.hasPrefix("ACK "), let seq = Int64(line.dropFirst(4)) { acks.insert(seq) }
        }
    }
}
