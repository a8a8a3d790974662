/// Reads C2SP signed notes (https://c2sp.org/signed-note).
public enum SignedNote {
    /// Every signature line starts with an em dash (U+2014) and a space.
    static let signatureLinePrefix = "\u{2014} "
    /// More signature lines than this make the note malformed (the spec asks for at least 16).
    static let maxSignatures = 100

    /// Checks `text` for a valid signature by `verifier`.
    ///
    /// The body runs up to and including the newline before the last blank line; every line after
    /// it must be a signature line. Lines by other keys (another name or key ID) are ignored; if
    /// any line by `verifier` fails to verify, the note is `badSignature`.
    public static func open(_ text: String, verifier: NoteVerifierKey) -> NoteOpening {
        guard text.hasSuffix("\n") else { return .malformed("the note does not end with a newline") }
        guard text.unicodeScalars.allSatisfy({ $0 == "\n" || $0.value >= 0x20 }) else {
            return .malformed("the note contains control characters")
        }
        let utf8 = Array(text.utf8)
        // The separator is the last "\n\n": signature lines are never empty.
        var separator: Int? = nil
        var index = utf8.count - 2
        while index > 0 {
            if utf8[index] == 0x0A && utf8[index - 1] == 0x0A {
                separator = index
                break
            }
            index -= 1
        }
        guard let separator else { return .malformed("no blank line separates the text from signatures") }
        let body = String(decoding: utf8[..<separator], as: UTF8.self)
        guard isValidText(body) else { return .malformed("the note text is empty") }
        let signatureBlock = String(decoding: utf8[(separator + 1)...].dropLast(), as: UTF8.self)
        let lines = signatureBlock.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count <= maxSignatures else { return .malformed("more than \(maxSignatures) signatures") }

        let message = Array(body.utf8)
        var verified = false
        for line in lines {
            guard line.hasPrefix(signatureLinePrefix) else { return .malformed("a signature line lacks the em dash") }
            let fields = line.dropFirst(signatureLinePrefix.count).split(
                separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 2, NoteVerifierKey.isValidKeyName(String(fields[0])),
                let blob = Base64.decode(fields[1]), blob.count > 4
            else { return .malformed("a signature line is not '— <name> <base64>'") }
            // Byte comparison: String == would also match a canonically equivalent name.
            guard fields[0].utf8.elementsEqual(verifier.name.utf8), Array(blob.prefix(4)) == verifier.keyID
            else { continue }
            guard verifier.publicKey.isValidSignature(Array(blob.dropFirst(4)), for: message) else {
                return .badSignature
            }
            verified = true
        }
        return verified ? .verified(body: body) : .noSignatureByKey
    }

    /// Whether `text` can be signed: non-empty, ends in a newline, no control characters but newline.
    static func isValidText(_ text: String) -> Bool {
        !text.isEmpty && text.hasSuffix("\n") && text.unicodeScalars.allSatisfy { $0 == "\n" || $0.value >= 0x20 }
    }
}
