@testable import EventLog
import Foundation
import LogCrypto
import Testing

/// The byte-level reading of checkpoints.jsonl lines (the route the writer's lines take) agrees
/// with the general route (JSON parse, canonical re-encoding, `SignedNote.open` on strings) on
/// every line it answers for, and declines the rest.
@Suite("Checkpoint history fast path")
struct CheckpointFastPathTests {
    static let key = Ed25519SigningKey.generate()
    static let origin = "screening.example/log"
    static let signer = NoteSigner(name: origin, key: key)
    static let body = "screening.example/log\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"

    /// The previous decoder, through Foundation: decode, then require the re-encoding to match.
    static func referenceDecode(_ text: String) -> [UInt8]? {
        guard let data = Data(base64Encoded: text) else { return nil }
        let bytes = [UInt8](data)
        return Base64.encode(bytes) == text ? bytes : nil
    }

    // printf 'foobar' | base64 (RFC 4648 section 10 vectors)
    @Test("base64 decodes the RFC 4648 vectors and refuses non-canonical forms")
    func base64Vectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
        for bad in ["Zg", "Zh==", "Zm9=", "Zm8", "Zm 9v", "Z===", "=Zm8", "Zm8=Zm8=", "Zm9v\n", "Zm-v", "Zm_v", "Zg=A"] {
            #expect(Base64.decode(bad) == nil, "\(bad)")
        }
    }

    @Test("base64 agrees with the Foundation decoder plus re-encoding on mutated strings")
    func base64AgreesWithReference() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCZabcz0189+/=-_ \n".utf8)
        for length in 0..<40 {
            for _ in 0..<50 {
                var text = Base64.encode((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
                if Bool.random(using: &generator), !text.isEmpty {
                    var bytes = Array(text.utf8)
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = alphabet.randomElement(using: &generator)!
                    if Bool.random(using: &generator) { bytes.removeLast() }
                    text = String(decoding: bytes, as: UTF8.self)
                }
                #expect(Base64.decode(text) == Self.referenceDecode(text), "\(text)")
            }
        }
    }

    @Test("a writer's note opens from its bytes exactly as from its text")
    func writerNoteOpens() {
        let note = Self.signer.sign(body: Self.body)
        let opened = Array(note.utf8).withUnsafeBufferPointer {
            SignedNote.openSingleSignature($0, verifier: Self.signer.verifierKey)
        }
        #expect(opened == .verified(body: Self.body))
        #expect(opened == SignedNote.open(note, verifier: Self.signer.verifierKey))
    }

    /// Notes of other shapes, and altered ones: the byte route answers only as the text route does.
    @Test("on altered notes the byte route declines or gives the text route's answer")
    func alteredNotesAgree() {
        let verifier = Self.signer.verifierKey
        let other = NoteSigner(name: "other.example/log", key: Ed25519SigningKey.generate())
        let note = Self.signer.sign(body: Self.body)
        let signature = String(note.split(separator: "\n", omittingEmptySubsequences: false)[4])
        var variants = [
            note, other.sign(body: Self.body), note + signature + "\n",
            Self.body + "\n" + String(other.sign(body: Self.body).split(separator: "\n")[3]) + "\n" + signature + "\n",
            note.replacingOccurrences(of: "\n3\n", with: "\n4\n"), String(note.dropLast()), note + "\n",
            note.replacingOccurrences(of: "\u{2014} ", with: "- "), note.replacingOccurrences(of: "log ", with: "log  "),
            Self.body + signature + "\n", "\n" + signature + "\n", note.replacingOccurrences(of: "\n3\n", with: "\n3\r\n"),
        ]
        let bytes = Array(note.utf8)
        for index in bytes.indices {
            for replacement: UInt8 in [0x0A, 0x20, 0x41, 0x3D, 0xC3, 0x00] where bytes[index] != replacement {
                var altered = bytes
                altered[index] = replacement
                variants.append(String(decoding: altered, as: UTF8.self))
            }
        }
        var answered = 0
        for variant in variants {
            let opened = Array(variant.utf8).withUnsafeBufferPointer {
                SignedNote.openSingleSignature($0, verifier: verifier)
            }
            guard let opened else { continue }
            answered += 1
            #expect(opened == SignedNote.open(variant, verifier: verifier), "\(variant.debugDescription)")
        }
        #expect(answered > bytes.count)  // the byte route does answer for most single-byte changes
    }

    @Test("a writer's history line is read from its bytes; other lines are declined")
    func historyLines() {
        let note = Self.signer.sign(body: Self.body)
        let line = CheckpointFiles.historyLine(note: note).dropLast()
        let simple = Array(line).withUnsafeBytes { CheckpointRecord.simpleNote($0) }
        #expect(simple == Array(note.utf8))
        let declined = [
            #"{"note":"a\u000ab"}"#, #"{"note":"a\"b"}"#, #"{"note":"a\\b"}"#, #"{"note":"a\tb"}"#, #"{"note": "ab"}"#,
            #"{"note":"a"b"}"#, #"{"note":"ab"} "#, #"{"notes":"ab"}"#, "{\"note\":\"a\u{1}b\"}", #"{"note":"a\/b"}"#,
        ]
        for text in declined {
            #expect(Array(text.utf8).withUnsafeBytes { CheckpointRecord.simpleNote($0) } == nil, "\(text)")
        }
        let invalidUTF8: [UInt8] = Array(#"{"note":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(invalidUTF8.withUnsafeBytes { CheckpointRecord.simpleNote($0) } == nil)
    }

    /// Any line the byte route reads is canonical JSON whose note it decodes exactly.
    @Test("lines read from their bytes are canonical, with the note the parser finds")
    func simpleLinesAreCanonical() {
        let note = Self.signer.sign(body: Self.body)
        let line = Array(CheckpointFiles.historyLine(note: note).dropLast())
        for index in 9..<(line.count - 2) {
            for replacement: UInt8 in [0x0A, 0x22, 0x5C, 0x6E, 0x7F, 0xE2, 0x80] {
                var altered = line
                altered[index] = replacement
                guard let simple = altered.withUnsafeBytes({ CheckpointRecord.simpleNote($0) }) else { continue }
                let parsed = CheckpointFiles.note(fromHistoryLine: altered)
                #expect(parsed.map { Array($0.utf8) } == simple)
                #expect(parsed.map { Array(CheckpointFiles.historyLine(note: $0).dropLast()) } == altered)
            }
        }
    }

    @Test("a checkpoint body with a carriage return is still read by characters")
    func carriageReturnBody() {
        #expect(throws: NoteError.self) { try Checkpoint(parsingBody: "o\r\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n") }
        #expect(throws: NoteError.self) { try Checkpoint(parsingBody: "o\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\r\n") }
        // "\r\n" is one character, so the lines are "o\r\n", "3" and the root.
        let parsed = try? Checkpoint(parsingBody: "o\r\n\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")
        #expect(parsed?.origin == "o\r\n")
        let checkpoint = try? Checkpoint(parsingBody: "o\u{301}\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")
        #expect(checkpoint?.origin == "o\u{301}")
        #expect(checkpoint?.size == 3)
    }
}
