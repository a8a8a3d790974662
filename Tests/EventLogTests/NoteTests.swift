import EventLog
import LogCrypto
import Testing

@Suite("C2SP signed notes")
struct NoteTests {
    /// RFC 8032 section 7.1 TEST 1 key, used under a fixed name.
    static let key = try! Ed25519SigningKey(
        seed: [UInt8](hex: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
    static let name = "screening.example/log"

    // python3 -c 'import hashlib,base64; n=b"screening.example/log";
    //   pk=bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    //   k=hashlib.sha256(n+b"\n\x01"+pk).digest()[:4];
    //   print(k.hex(), n.decode()+"+"+k.hex()+"+"+base64.b64encode(b"\x01"+pk).decode())'
    @Test("key ID and verifier key string match an independent computation")
    func keyIDAndVerifierString() throws {
        let verifier = NoteVerifierKey(name: Self.name, publicKey: Self.key.verifyingKey)
        #expect(verifier.keyID == [UInt8](hex: "d8b12ca4"))
        #expect(verifier.stringValue == "screening.example/log+d8b12ca4+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea")
        let parsed = try NoteVerifierKey(parsing: verifier.stringValue)
        #expect(parsed == verifier)
        #expect(parsed.name == Self.name)
        #expect(NoteSigner(name: Self.name, key: Self.key).verifierKey == verifier)
    }

    /// The example of Go's golang.org/x/mod/sumdb/note package documentation (ExampleSign):
    /// signer key PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz,
    /// whose base64 part is 0x01 || the Ed25519 seed:
    ///   echo AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz | base64 -d | tail -c 32 | xxd -p -c 64
    /// Ed25519 is deterministic, so our note must equal Go's byte for byte.
    @Test("interoperates with Go's sumdb/note: same signature, same verifier key")
    func goSumdbNoteExample() throws {
        let seed = [UInt8](hex: "810a1402d5146c8d84f2443330f54080ebf98ee17d9c74f6252fc5d5c7283173")
        let signer = NoteSigner(name: "PeterNeumann", key: try Ed25519SigningKey(seed: seed))
        let text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
        let expected = text + "\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
        #expect(signer.sign(body: text) == expected)
        #expect(signer.verifierKey.stringValue == "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        let verifier = try NoteVerifierKey(parsing: "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        #expect(SignedNote.open(expected, verifier: verifier) == .verified(body: text))
    }

    @Test("sign then open verifies and returns the body")
    func signThenOpen() {
        let signer = NoteSigner(name: Self.name, key: Self.key)
        let body = "screening.example/log\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
        let note = signer.sign(body: body)
        #expect(note.hasPrefix(body + "\n\u{2014} screening.example/log "))
        #expect(note.hasSuffix("\n"))
        #expect(SignedNote.open(note, verifier: signer.verifierKey) == .verified(body: body))
    }

    @Test("an altered body is a bad signature; another key finds no signature")
    func tampering() {
        let signer = NoteSigner(name: Self.name, key: Self.key)
        let note = signer.sign(body: "screening.example/log\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")
        let altered = note.replacingOccurrences(of: "\n3\n", with: "\n4\n")
        #expect(SignedNote.open(altered, verifier: signer.verifierKey) == .badSignature)

        let otherKey = NoteVerifierKey(name: Self.name, publicKey: Ed25519SigningKey.generate().verifyingKey)
        #expect(SignedNote.open(note, verifier: otherKey) == .noSignatureByKey)
        let otherName = NoteVerifierKey(name: "other.example/log", publicKey: Self.key.verifyingKey)
        #expect(SignedNote.open(note, verifier: otherName) == .noSignatureByKey)
    }

    @Test("unknown signature lines are ignored, before or after ours")
    func otherSignatures() {
        let ours = NoteSigner(name: Self.name, key: Self.key)
        let witness = NoteSigner(name: "witness.example", key: Ed25519SigningKey.generate())
        let body = "screening.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
        let ourLine = ours.sign(body: body).dropFirst(body.count + 1)
        let witnessLine = witness.sign(body: body).dropFirst(body.count + 1)
        let note = body + "\n" + witnessLine + ourLine
        #expect(SignedNote.open(note, verifier: ours.verifierKey) == .verified(body: body))
        #expect(SignedNote.open(note, verifier: witness.verifierKey) == .verified(body: body))
    }

    @Test("a body with blank lines is split at the last blank line")
    func bodyWithBlankLine() {
        let signer = NoteSigner(name: Self.name, key: Self.key)
        let body = "first\n\nsecond\n"
        #expect(SignedNote.open(signer.sign(body: body), verifier: signer.verifierKey) == .verified(body: body))
    }

    @Test(
        "malformed notes are reported as malformed",
        arguments: [
            "",
            "text\n",
            "text\n\n",
            "text\n\n\u{2014} screening.example/log AAAA",  // no final newline
            "text\n\n- screening.example/log AAAAAAAA\n",  // hyphen, not em dash
            "text\n\n\u{2014} screening.example/log not-base64!\n",
            "text\n\n\u{2014} screening.example/log\n",
            "text\n\n\u{2014} screening.example/log AAAA\n",  // 3 bytes: no room for a signature
            "te\u{7}xt\n\n\u{2014} screening.example/log AAAAAAAA\n",
        ])
    func malformed(_ text: String) {
        let verifier = NoteVerifierKey(name: Self.name, publicKey: Self.key.verifyingKey)
        guard case .malformed = SignedNote.open(text, verifier: verifier) else {
            Issue.record("not reported malformed")
            return
        }
    }

    @Test(
        "bad verifier key strings are rejected",
        arguments: [
            "screening.example/log+d8b12ca5+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea",  // wrong key ID
            "screening.example/log+D8B12CA4+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea",  // uppercase
            "screening.example/log+d8b12ca4+AtdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea",  // type 0x02
            "screening.example/log+d8b12ca4+11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",  // no type byte
            "screening.example/log+d8b12ca4",
            "+d8b12ca4+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea",
            "screening example+d8b12ca4+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea",
        ])
    func badVerifierKeys(_ text: String) {
        #expect(throws: NoteError.self) { try NoteVerifierKey(parsing: text) }
    }
}

extension Array where Element == UInt8 {
    /// Bytes from a hexadecimal test vector.
    fileprivate init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self = bytes
    }
}
