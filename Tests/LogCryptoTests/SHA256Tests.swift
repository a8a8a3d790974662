import LogCrypto
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    // printf '' | openssl dgst -sha256
    static let emptyDigest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    // printf 'abc' | openssl dgst -sha256
    static let abcDigest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test("known answers for \"\" and \"abc\"")
    func knownAnswers() {
        #expect(SHA256.hash("").hex == Self.emptyDigest)
        #expect(SHA256.hash([UInt8]()).hex == Self.emptyDigest)
        #expect(SHA256.hash("abc").hex == Self.abcDigest)
        #expect(SHA256.hash(Array("abc".utf8)).hex == Self.abcDigest)
    }

    @Test("the incremental hasher equals the one-shot hash, however the input is split")
    func incrementalMatchesOneShot() {
        // 1,000 bytes crosses several 64-byte SHA-256 blocks.
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let expected = SHA256.hash(message)
        for split in [0, 1, 63, 64, 65, 500, 999, 1000] {
            var hasher = SHA256Hasher()
            hasher.update(Array(message[..<split]))
            message[split...].withUnsafeBytes { hasher.update($0) }
            #expect(hasher.finalize() == expected, "split at \(split)")
        }
        var bytewise = SHA256Hasher()
        for byte in message { bytewise.update([byte]) }
        #expect(bytewise.finalize() == expected)
    }

    @Test("an unused hasher yields the empty-string digest")
    func emptyHasher() {
        let hasher = SHA256Hasher()
        #expect(hasher.finalize().hex == Self.emptyDigest)
    }

    @Test("digest hex round trip, either case; wrong lengths and non-hex are rejected")
    func digestHex() throws {
        let digest = try #require(SHA256Digest(hex: Self.abcDigest.uppercased()))
        #expect(digest.hex == Self.abcDigest)
        #expect(digest.description == Self.abcDigest)
        #expect(digest.bytes == [UInt8](hex: Self.abcDigest))
        #expect(SHA256Digest(bytes: digest.bytes) == digest)
        #expect(SHA256Digest(hex: String(Self.abcDigest.dropLast())) == nil)
        #expect(SHA256Digest(hex: Self.abcDigest + "0") == nil)
        #expect(SHA256Digest(hex: "g" + Self.abcDigest.dropFirst()) == nil)
        #expect(SHA256Digest(bytes: [UInt8](repeating: 1, count: 31)) == nil)
        #expect(SHA256Digest.zero.hex == String(repeating: "0", count: 64))
        #expect(SHA256Digest.zero.withUnsafeBytes { Array($0) } == [UInt8](repeating: 0, count: 32))
    }

    @Test("equal digests hash equally; different digests compare unequal")
    func hashable() {
        let a = SHA256.hash("a"), b = SHA256.hash("b")
        #expect(a != b)
        #expect(Set([a, SHA256.hash("a"), b]).count == 2)
    }
}
