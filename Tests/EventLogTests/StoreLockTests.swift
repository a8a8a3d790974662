import EventLog
import Foundation
import LogCrypto
import Testing

@Suite("Store: one writer at a time")
struct StoreLockTests {
    @Test("a second writer in the same process gets store.locked; after close, open works")
    func inProcess() async throws {
        let store = ScratchStore()
        let (writer, key) = try await makeWriter(store)
        do {
            _ = try await LogWriter.open(at: store.location, signingKey: key)
            Issue.record("a second writer opened the store")
        } catch let error as LogStoreError {
            #expect(error.code == "store.locked")
            #expect(error.reason.contains(store.location.storeURL.path))
        }
        try await writer.append([draft()])
        await writer.close()
        let again = try await LogWriter.open(at: store.location, signingKey: key)
        #expect(await again.size == 2)
        await again.close()
    }

    @Test("a writer in another process gets store.locked and the log is untouched")
    func otherProcess() async throws {
        let store = ScratchStore()
        let (writer, _) = try await makeWriter(store)
        try await writer.append([draft(), draft()])
        let before = try store.eventsBytes()

        let process = Process()
        process.executableURL = try crashWriterExecutable()
        process.arguments = [store.location.storeURL.path, "2"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(message.contains("store.locked"))
        #expect(message.contains(store.location.storeURL.path))
        #expect(try store.eventsBytes() == before)
        await writer.close()
    }
}

/// The `log-crash-writer` executable, built beside the test bundle (EventLogTests depends on it).
func crashWriterExecutable() throws -> URL {
    let name = "log-crash-writer"
    var candidates: [URL] = []
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    var directory = runner.deletingLastPathComponent()
    for _ in 0..<5 {  // the runner may sit inside a bundle (…/X.xctest/Contents/MacOS/X)
        candidates.append(directory.appendingPathComponent(name))
        directory = directory.deletingLastPathComponent()
    }
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    candidates.append(cwd.appendingPathComponent(".build/debug/\(name)"))
    candidates.append(cwd.appendingPathComponent(".build/release/\(name)"))
    if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
        return found
    }
    throw LogStoreError(
        code: "test.missing-tool", reason: "log-crash-writer not built; run swift build --build-tests",
        location: runner.path)
}
