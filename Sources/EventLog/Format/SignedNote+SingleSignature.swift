extension SignedNote {
    /// `open(_:verifier:)` for the shape this log's writer produces, read from the note's UTF-8
    /// bytes without building strings: text, a blank line, and one signature line by `verifier`
    /// (an ASCII key name, canonical base64). A checkpoint history has a note per signed batch,
    /// so the string handling of `open` was a sixth of each note's cost beside its signature check.
    ///
    /// Returns `nil`, having checked no signature, for any other note (other bytes or controls,
    /// several signature lines, another key's line, a malformed line); `open` is then the answer.
    /// Where it answers, the answer is `open`'s for the same text: `.verified` or `.badSignature`.
    static func openSingleSignature(_ note: UnsafeBufferPointer<UInt8>, verifier: NoteVerifierKey) -> NoteOpening? {
        guard let base = note.baseAddress, note.count >= 2, note[note.count - 1] == ASCII.newline,
            isSignableUTF8(note)
        else { return nil }
        // The separator is the last "\n\n", as `open` finds it.
        var separator = note.count - 2
        while separator > 0, !(note[separator] == ASCII.newline && note[separator - 1] == ASCII.newline) {
            separator -= 1
        }
        guard separator > 0 else { return nil }
        // One signature line: "— <name> <base64>", with an ASCII name (so grapheme and byte
        // boundaries agree where `open` compares characters).
        var position = separator + 1
        let lineEnd = note.count - 1
        let name = verifier.name.utf8
        guard name.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
            lineEnd - position > emDashSpace.count + name.count + 1,
            emDashSpace.indices.allSatisfy({ note[position + $0] == emDashSpace[$0] })
        else { return nil }
        position += emDashSpace.count
        guard name.elementsEqual(UnsafeBufferPointer(rebasing: note[position..<position + name.count])),
            note[position + name.count] == space
        else { return nil }
        position += name.count + 1
        let encoded = UnsafeBufferPointer(rebasing: note[position..<lineEnd])
        guard !encoded.contains(ASCII.newline), !encoded.contains(space),
            let blob = Base64.decode(utf8: encoded), blob.count > 4, blob.prefix(4).elementsEqual(verifier.keyID)
        else { return nil }
        let body = UnsafeBufferPointer(start: base, count: separator)
        guard verifier.publicKey.isValidSignature(Array(blob.dropFirst(4)), for: Array(body)) else {
            return .badSignature
        }
        return .verified(body: String(decoding: body, as: UTF8.self))
    }

    private static let space = UInt8(ascii: " ")

    /// "— ": U+2014 and a space, in UTF-8.
    private static let emDashSpace: [UInt8] = Array(signatureLinePrefix.utf8)

    /// Well-formed UTF-8 with no control characters but "\n": the bytes of a text `open` accepts
    /// (a `String` made from other bytes would differ from them).
    private static func isSignableUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let base = bytes.baseAddress!
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x80 || byte == ASCII.newline {
                index += 1
            } else if byte >= 0x80, let length = try? UTF8Sequence.length(at: base + index, available: bytes.count - index) {
                index += length
            } else {
                return false
            }
        }
        return true
    }
}
