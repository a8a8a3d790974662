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

    /// Bytes 0..<count of the pattern (i * 31 + 7) mod 256, as the shell commands below write them.
    static func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    }

    // Lengths around the 55/56/64-byte padding boundaries and several blocks. Reproduce with:
    //   python3 -c "import sys; sys.stdout.buffer.write(bytes(((i*31+7)&255) for i in range(N)))" \
    //     | openssl dgst -sha256
    @Test(
        "known answers at block and padding boundaries",
        arguments: [
            (55, "8aa994584139d128848eeebc4e815639ba5ab6e6e39574195a63ac4f14f7c43b"),
            (56, "ad574708f75c044c9b85de64cb568ee7711ff4f36448c6242f053ba8f6cc2b63"),
            (63, "280ed3e8ff1df845b2e7dfe6ac6cee817bef20e783cc65abc41b818b4d2fe076"),
            (64, "c6ab9724ade5b6a7a1edfffb12f3aa9181351355af8fd08c919952ad211339dd"),
            (65, "788367c73c7ddf4c53f65e68cc0d943e6227ab55b0e78ba63ace822b1c6301c0"),
            (119, "3d610547d68216dedf7435a4fb6260353911f6b3fd3f18805ddb8be285d726fe"),
            (1000, "5097e7d587352f5097062ae679f37bda5802d9f875aba14c8cb4d1a188ada179"),
        ])
    func boundaries(count: Int, expected: String) {
        let message = Self.pattern(count)
        #expect(SHA256.hash(message).hex == expected)
        var hasher = SHA256Hasher()
        hasher.update(message)
        #expect(hasher.finalize().hex == expected)
    }

    // (printf '\x00'; python3 -c "...range(1000)...") | openssl dgst -sha256
    @Test("hash(prefix:_:) over several blocks (the RFC 6962 leaf of a long line)")
    func prefixedLong() {
        let digest = Self.pattern(1000).withUnsafeBytes { SHA256.hash(prefix: 0x00, $0) }
        #expect(digest.hex == "2fa0c7b6c01bc4110b963de97744e1373dd757bf940b5dcb7b3df91115a6a3b0")
    }

    // (printf '\x01'; printf abc | openssl dgst -sha256 -binary; printf '' | openssl dgst -sha256 -binary)
    //   | openssl dgst -sha256
    @Test("hash(prefix:_:_:) is SHA-256 of the prefix byte and the two digests (an RFC 6962 node)")
    func prefixedPair() {
        let abc = SHA256.hash("abc"), empty = SHA256.hash("")
        let node = SHA256.hash(prefix: 0x01, abc, empty)
        #expect(node.hex == "faf32349cc29d63963edfed2e2eb3abfe5564575f8f4d78c7606d7d2378b396f")
        #expect(node == SHA256.hash([0x01] + abc.bytes + empty.bytes))
        #expect(node != SHA256.hash(prefix: 0x01, empty, abc))
        #expect(SHA256.hash(prefix: 0x00, abc, empty) == SHA256.hash([0x00] + abc.bytes + empty.bytes))
    }

    @Test("concurrent hashing on many threads gives the same digests")
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
        #expect(SHA256Digest(hex: Self.abcDigest.dropLast() + "z") == nil)
        #expect(SHA256Digest(hex: Self.abcDigest.dropLast(2) + "\u{7f}0") == nil)
        #expect(SHA256Digest(hex: String(repeating: ":", count: 64)) == nil)
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
