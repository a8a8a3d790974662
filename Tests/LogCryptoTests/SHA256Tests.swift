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

    // printf '\x00abc' | openssl dgst -sha256
    @Test("hash(prefix:_:) is SHA-256 of the prefix byte followed by the bytes")
    func prefixed() {
        let abc = Array("abc".utf8)
        let digest = abc.withUnsafeBytes { SHA256.hash(prefix: 0x00, $0) }
        #expect(digest.hex == "609f6e36d2405585188d5cfd761f407c7cc46a7d3f314c88270469dde315fcd1")
        #expect(digest == SHA256.hash([0x00] + abc))
        #expect([UInt8]().withUnsafeBytes { SHA256.hash(prefix: 0x01, $0) } == SHA256.hash([0x01]))
    }

    @Test("concurrent hashing on many threads gives the same digests (per-thread contexts)")
    func concurrent() async {
        let messages = (0..<64).map { index in (0..<(index * 37)).map { UInt8(truncatingIfNeeded: $0 ^ index) } }
        let expected = messages.map { message in
            var hasher = SHA256Hasher()
            hasher.update(message)
            return hasher.finalize()
        }
        await withTaskGroup(of: Bool.self) { group in
            for round in 0..<8 {
                group.addTask {
                    (0..<messages.count).allSatisfy { index in
                        let position = (index + round) % messages.count
                        return SHA256.hash(messages[position]) == expected[position]
                    }
                }
            }
            for await allEqual in group {
                #expect(allEqual)
            }
        }
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
