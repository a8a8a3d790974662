import EventLog
import Foundation
import LogCrypto
import Testing

@Suite("Store: signing key location and permissions")
struct StoreKeyTests {
    @Test("the default secrets directory is <store>.secrets, outside the store")
    func defaultLocation() {
        let location = StoreLocation(storePath: "/srv/screening/eventstore")
        #expect(location.secretsURL.path == "/srv/screening/eventstore.secrets")
        #expect(location.signingKeyURL.path == "/srv/screening/eventstore.secrets/signing-key.pem")
        let relative = StoreLocation()
        #expect(relative.storeURL.lastPathComponent == "eventstore")
        #expect(relative.secretsURL.lastPathComponent == "eventstore.secrets")
    }

    @Test("the key file is 0600 in a 0700 directory outside the store, and loads back")
    func keyFile() async throws {
        let store = ScratchStore()
        let (writer, key) = try await makeWriter(store)
        await writer.close()
        let keyPath = store.location.signingKeyURL.path
        #expect(!keyPath.hasPrefix(store.location.storeURL.path + "/"))
        let storeFiles = try FileManager.default.subpathsOfDirectory(atPath: store.location.storeURL.path)
        #expect(!storeFiles.contains { $0.hasSuffix(".pem") })
        for file in storeFiles {
            let text = (try? String(contentsOfFile: store.location.storeURL.path + "/" + file, encoding: .utf8)) ?? ""
            #expect(!text.contains("PRIVATE KEY"), "\(file) holds a private key")
        }
        #expect(try permissions(keyPath) == 0o600)
        #expect(try permissions(store.location.secretsURL.path) == 0o700)
        let loaded = try store.location.loadSigningKey()
        #expect(loaded.verifyingKey == key.verifyingKey)
    }

    @Test("a group- or world-readable key file is refused")
    func readableKeyRefused() throws {
        let store = ScratchStore()
        _ = try store.location.createSigningKey()
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o644], ofItemAtPath: store.location.signingKeyURL.path)
        do {
            _ = try store.location.loadSigningKey()
            Issue.record("loaded a 0644 key")
        } catch let error as LogStoreError {
            #expect(error.code == "key.file")
            #expect(error.reason.contains("644"))
            #expect(error.location == store.location.signingKeyURL.path)
        }
    }

    @Test("an existing key is never overwritten")
    func noOverwrite() throws {
        let store = ScratchStore()
        let first = try store.location.createSigningKey()
        #expect(throws: LogStoreError.self) { _ = try store.location.createSigningKey() }
        #expect(try store.location.loadSigningKey().verifyingKey == first.verifyingKey)
    }

    @Test("a secrets directory inside the store is refused")
    func secretsInsideStore() async throws {
        let store = ScratchStore()
        let inside = StoreLocation(
            store: store.location.storeURL, secrets: store.location.storeURL.appendingPathComponent("keys"))
        do {
            _ = try inside.createSigningKey()
            Issue.record("created a key inside the store")
        } catch let error as LogStoreError {
            #expect(error.code == "store.location")
        }
        do {
            _ = try await LogWriter.create(
                at: inside, origin: testOrigin, signingKey: .generate(), creator: coordinator)
            Issue.record("created a store whose secrets are inside it")
        } catch let error as LogStoreError {
            #expect(error.code == "store.location")
        }
    }

    private func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
