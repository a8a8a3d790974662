import Foundation
import LogCrypto
import Testing

@Suite("Ed25519")
struct Ed25519Tests {
    /// RFC 8032 section 7.1, TEST 1-3 (secret key, public key, message, signature).
    /// Reproduce the public key of TEST 2 with:
    ///   echo 302e020100300506032b6570042204204ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb \
    ///     | xxd -r -p | openssl pkey -inform DER -pubout -outform DER | tail -c 32 | xxd -p -c 64
    /// and its signature with `printf '\x72' > m; openssl pkeyutl -sign -inkey k.pem -rawin -in m | xxd -p -c 64`.
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String, secret: String, publicKey: String, message: String, signature: String
        var testDescription: String { name }
    }

    static let rfc8032: [Vector] = [
        Vector(
            name: "TEST 1",
            secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            message: "",
            signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        ),
        Vector(
            name: "TEST 2",
            secret: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            message: "72",
            signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        ),
        Vector(
            name: "TEST 3",
            secret: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            message: "af82",
            signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        ),
    ]

    @Test("RFC 8032 section 7.1 known answers", arguments: rfc8032)
    func knownAnswer(_ vector: Vector) throws {
        let key = try Ed25519SigningKey(seed: [UInt8](hex: vector.secret))
        #expect(key.verifyingKey.rawRepresentation.hex == vector.publicKey)
        let message = [UInt8](hex: vector.message)
        let signature = key.signature(for: message)
        #expect(signature.hex == vector.signature)

        let verifier = try Ed25519VerifyingKey(rawRepresentation: [UInt8](hex: vector.publicKey))
        #expect(verifier.isValidSignature([UInt8](hex: vector.signature), for: message))
    }

    @Test("a flipped bit in the signature or the message fails verification", arguments: rfc8032)
    func flippedBitFails(_ vector: Vector) throws {
        let verifier = try Ed25519VerifyingKey(rawRepresentation: [UInt8](hex: vector.publicKey))
        let signature = [UInt8](hex: vector.signature)
        let message = [UInt8](hex: vector.message)
        for bit in [0, 7, 255, 256, 511] {
            var tampered = signature
            tampered[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(!verifier.isValidSignature(tampered, for: message), "bit \(bit)")
        }
        #expect(!verifier.isValidSignature(signature, for: message + [0]))
        #expect(!verifier.isValidSignature(Array(signature.dropLast()), for: message))
        #expect(!verifier.isValidSignature([], for: message))
    }

    @Test("wrong key lengths are rejected with a code")
    func keyLengths() {
        #expect(throws: CryptoError.self) { try Ed25519SigningKey(seed: [UInt8](repeating: 1, count: 31)) }
        #expect(throws: CryptoError.self) { try Ed25519VerifyingKey(rawRepresentation: [UInt8](repeating: 1, count: 33)) }
        do {
            _ = try Ed25519SigningKey(seed: [])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "key.length")
        }
    }

    @Test("generated keys differ and sign verifiably")
    func generate() {
        let a = Ed25519SigningKey.generate(), b = Ed25519SigningKey.generate()
        #expect(a.verifyingKey != b.verifyingKey)
        let message = Array("checkpoint".utf8)
        #expect(a.verifyingKey.isValidSignature(a.signature(for: message), for: message))
        #expect(!b.verifyingKey.isValidSignature(a.signature(for: message), for: message))
    }

    // Produced by `openssl genpkey -algorithm ed25519`; the public PEM by `openssl pkey -in fixture.pem -pubout`;
    // raw public key by `openssl pkey -in fixture.pem -pubout -outform DER | tail -c 32 | xxd -p -c 64`.
    static let opensslPrivatePEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIKs2T4A5bh39Q2RS6Wx3s2ybMa6E5fv/oUt5wn21exJi
        -----END PRIVATE KEY-----

        """
    static let opensslPublicPEM = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEApMVPMYmCnjwiBgwh52UJUOT/tPuKKDkZawenBJgNBrs=
        -----END PUBLIC KEY-----

        """
    static let opensslRawPublicKey = "a4c54f3189829e3c22060c21e7650950e4ffb4fb8a2839196b07a704980d06bb"

    @Test("PEM keys written by openssl are read, and written back byte for byte")
    func pemRoundTrip() throws {
        let key = try Ed25519SigningKey(pkcs8PEM: Self.opensslPrivatePEM)
        #expect(key.pkcs8PEM == Self.opensslPrivatePEM)
        #expect(key.verifyingKey.rawRepresentation.hex == Self.opensslRawPublicKey)
        #expect(key.verifyingKey.spkiPEM == Self.opensslPublicPEM)

        let publicKey = try Ed25519VerifyingKey(spkiPEM: Self.opensslPublicPEM)
        #expect(publicKey == key.verifyingKey)

        let generated = Ed25519SigningKey.generate()
        let reread = try Ed25519SigningKey(pkcs8PEM: generated.pkcs8PEM)
        #expect(reread.verifyingKey == generated.verifyingKey)
        #expect(try Ed25519VerifyingKey(spkiPEM: generated.verifyingKey.spkiPEM) == generated.verifyingKey)
    }

    @Test("non-PEM, public-as-private, and non-Ed25519 PEM are rejected")
    func pemRejects() {
        #expect(throws: CryptoError.self) { try Ed25519SigningKey(pkcs8PEM: "not a key") }
        #expect(throws: CryptoError.self) { try Ed25519SigningKey(pkcs8PEM: Self.opensslPublicPEM) }
        #expect(throws: CryptoError.self) { try Ed25519VerifyingKey(spkiPEM: Self.opensslPrivatePEM) }
        // `openssl genpkey -algorithm x25519` (an X25519 key: right curve family, wrong algorithm).
        let x25519 = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VuBCIEIBiuf79Z5jwE+QV4sRAheIUrdNABi3FbuIVe/9QIm2tI
            -----END PRIVATE KEY-----

            """
        do {
            _ = try Ed25519SigningKey(pkcs8PEM: x25519)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "pem.wrongKeyType")
        }
    }

    static let opensslPath = "/usr/bin/openssl"

    @Test(
        "`openssl pkey` reads the PEM this library writes",
        .enabled(if: FileManager.default.isExecutableFile(atPath: opensslPath))
    )
    func opensslReadsOurPEM() throws {
        let key = try Ed25519SigningKey(seed: [UInt8](hex: Self.rfc8032[0].secret))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ed25519-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let privateFile = directory.appendingPathComponent("key.pem")
        try key.pkcs8PEM.write(to: privateFile, atomically: true, encoding: .utf8)
        let publicFile = directory.appendingPathComponent("pub.pem")
        try key.verifyingKey.spkiPEM.write(to: publicFile, atomically: true, encoding: .utf8)

        // openssl pkey -in key.pem -pubout  (derives the public key from our private PEM)
        let derived = try Self.run(["pkey", "-in", privateFile.path, "-pubout"])
        #expect(derived == key.verifyingKey.spkiPEM)
        // openssl pkey -pubin -in pub.pem  (re-encodes our public PEM)
        let reencoded = try Self.run(["pkey", "-pubin", "-in", publicFile.path])
        #expect(reencoded == key.verifyingKey.spkiPEM)
    }

    private static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opensslPath)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: output, as: UTF8.self)
    }
}
