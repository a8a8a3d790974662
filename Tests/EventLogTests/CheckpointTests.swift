@testable import EventLog
import LogCrypto
import Testing

@Suite("C2SP tlog-checkpoint bodies")
struct CheckpointTests {
    // The root of the 8-leaf tree of MerkleTests, in base64:
    //   python3 -c 'import base64; print(base64.b64encode(bytes.fromhex(
    //     "ef7f49b620f6c7ea9b963a214da34b5021c6ded8ed57734380a311ab726aa907")).decode())'
    static let root = SHA256Digest(hex: "ef7f49b620f6c7ea9b963a214da34b5021c6ded8ed57734380a311ab726aa907")!
    static let body = "screening.example/log\n8\n739JtiD2x+qbljohTaNLUCHG3tjtV3NDgKMRq3JqqQc=\n"

    @Test("body is origin, size and base64 root, each ending in a newline; it parses back")
    func bodyRoundTrip() throws {
        let checkpoint = Checkpoint(origin: "screening.example/log", size: 8, rootHash: Self.root)
        #expect(checkpoint.body == Self.body)
        #expect(try Checkpoint(parsingBody: Self.body) == checkpoint)
        let empty = Checkpoint(origin: "o", size: 0, rootHash: SHA256.hash(""))
        #expect(empty.body == "o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")
        #expect(try Checkpoint(parsingBody: empty.body) == empty)
    }

    @Test("a signed checkpoint opens and parses")
    func signedCheckpoint() throws {
        let signer = NoteSigner(name: "screening.example/log", key: Ed25519SigningKey.generate())
        let note = signer.sign(body: Self.body)
        guard case .verified(let body) = SignedNote.open(note, verifier: signer.verifierKey) else {
            Issue.record("did not verify")
            return
        }
        #expect(try Checkpoint(parsingBody: body).size == 8)
        // Unverified, as readers take the latest checkpoint: the body before the blank line.
        #expect(Checkpoint(ofNote: note) == Checkpoint(origin: "screening.example/log", size: 8, rootHash: Self.root))
        #expect(Checkpoint(ofNote: Self.body) == nil, "no blank line ends the body")
        #expect(Checkpoint(ofNote: "not\na checkpoint\n\n— sig\n") == nil)
    }

    @Test(
        "malformed bodies are rejected",
        arguments: [
            ("screening.example/log\n8\n739JtiD2x+qbljohTaNLUCHG3tjtV3NDgKMRq3JqqQc=", "checkpoint.format"),
            ("screening.example/log\n8\n", "checkpoint.format"),
            ("\n8\n739JtiD2x+qbljohTaNLUCHG3tjtV3NDgKMRq3JqqQc=\n", "checkpoint.origin"),
            ("o\n08\n739JtiD2x+qbljohTaNLUCHG3tjtV3NDgKMRq3JqqQc=\n", "checkpoint.size"),
            ("o\n-8\n739JtiD2x+qbljohTaNLUCHG3tjtV3NDgKMRq3JqqQc=\n", "checkpoint.size"),
            ("o\n+8\n739JtiD2x+qbljohTaNLUCHG3tjtV3NDgKMRq3JqqQc=\n", "checkpoint.size"),
            ("o\n99999999999999999999\n739JtiD2x+qbljohTaNLUCHG3tjtV3NDgKMRq3JqqQc=\n", "checkpoint.size"),
            ("o\n8\n739JtiD2x+qbljohTaNLUCHG3tjtV3NDgKMRq3JqqQ=\n", "checkpoint.rootHash"),  // 31 bytes
            ("o\n8\n739JtiD2x+qbljohTaNLUCHG3tjtV3NDgKMRq3JqqQd=\n", "checkpoint.rootHash"),  // non-canonical
            ("o\n8\n739JtiD2x+qbljohTaNLUCHG3tjtV3NDgKMRq3JqqQc\n", "checkpoint.rootHash"),  // no padding
            ("o\n8\n739JtiD2x+qbljohTaNLUCHG3tjtV3NDgKMRq3JqqQc=\nextension\n", "checkpoint.extension"),
        ])
    func rejects(_ body: String, _ code: String) {
        do {
            _ = try Checkpoint(parsingBody: body)
            Issue.record("accepted")
        } catch {
            #expect(error.code == code)
        }
    }
}
