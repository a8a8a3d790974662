import EventLog
import Foundation
import Testing

/// The secrets directory must lie outside the store, symbolic links resolved.
@Suite("Store location with symbolic links")
struct StoreLocationSymlinkTests {
    @Test("a secrets path that is a link into the store is refused with store.location")
    func linkIntoStore() async throws {
        let scratch = ScratchStore()
        let store = scratch.root.appendingPathComponent("eventstore", isDirectory: true)
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        let link = scratch.root.appendingPathComponent("keys")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: store.path)
        // Not yet existing below the link: resolved through its existing ancestor.
        let location = StoreLocation(store: store, secrets: link.appendingPathComponent("secrets"))

        let error = await #expect(throws: LogStoreError.self) {
            _ = try await LogWriter.create(
                at: location, origin: testOrigin, signingKey: .generate(), creator: coordinator)
        }
        #expect(error?.code == LogStoreError.locationCode)
    }

    @Test("a store reached through a link is still compared with its real path")
    func storeThroughLink() async throws {
        let scratch = ScratchStore()
        let real = scratch.root.appendingPathComponent("real", isDirectory: true)
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let link = scratch.root.appendingPathComponent("store-link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: real.path)
        let location = StoreLocation(store: link, secrets: real.appendingPathComponent("secrets"))

        let error = await #expect(throws: LogStoreError.self) {
            _ = try await LogWriter.create(
                at: location, origin: testOrigin, signingKey: .generate(), creator: coordinator)
        }
        #expect(error?.code == LogStoreError.locationCode)
    }
}
