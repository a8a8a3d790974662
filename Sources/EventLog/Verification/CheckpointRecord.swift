/// What the reading thread makes of one checkpoints.jsonl line: the checkpoint, or why not.
enum CheckpointRecord: Sendable {
    case checkpoint(Checkpoint, note: String)
    case invalid(CheckpointNote.Problem)

    /// Decodes `{"note":"..."}` (which must be canonical) and opens the note with `key`.
    ///
    /// The lines the writer produces are read from their bytes (`simpleNote`,
    /// `SignedNote.openSingleSignature`); any other line takes the general route, which gives the
    /// same answer for those lines and names the defect of the rest.
    init(line: UnsafeRawBufferPointer, key: NoteVerifierKey, origin: String) {
        var simple: (note: String, opening: NoteOpening)?
        if let bytes = Self.simpleNote(line) {
            simple = bytes.withUnsafeBufferPointer { bytes in
                SignedNote.openSingleSignature(bytes, verifier: key).map { (String(decoding: bytes, as: UTF8.self), $0) }
            }
        }
        if let simple {
            self.init(note: simple.note, checking: CheckpointNote.checkpoint(simple.opening, key: key, origin: origin))
            return
        }
        guard let note = CheckpointFiles.note(fromHistoryLine: line),
            CheckpointFiles.historyLine(note: note).dropLast().elementsEqual(line)
        else {
            self = .invalid(
                CheckpointNote.Problem(
                    check: .checkpointsEncoding, expected: "the canonical JSON {\"note\":\"<signed note>\"}",
                    found: "something else", message: "Each line of checkpoints.jsonl records one signed checkpoint."))
            return
        }
        self.init(note: note, checking: CheckpointNote.open(note, key: key, origin: origin))
    }

    private init(note: String, checking result: Result<Checkpoint, CheckpointNote.Problem>) {
        switch result {
        case .success(let checkpoint): self = .checkpoint(checkpoint, note: note)
        case .failure(let problem): self = .invalid(problem)
        }
    }

    /// The note's UTF-8 bytes if `line` is `{"note":"<text>"}` with no escape but `\n` and only
    /// well-formed UTF-8 without raw controls; `nil` for any other line.
    ///
    /// Such a line is canonical JSON (RFC 8785 writes U+000A as `\n` and every other character
    /// of such a text as itself), so it needs no parse and re-encoding to check that.
    static func simpleNote(_ line: UnsafeRawBufferPointer) -> [UInt8]? {
        let prefix = #"{"note":""#.utf8, suffix = #""}"#.utf8
        guard line.count >= prefix.count + suffix.count, line.starts(with: prefix),
            line.suffix(suffix.count).elementsEqual(suffix)
        else { return nil }
        let base = line.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let end = line.count - suffix.count
        var note: [UInt8] = []
        note.reserveCapacity(end - prefix.count)
        var index = prefix.count
        while index < end {
            let byte = base[index]
            if byte == ASCII.backslash {
                guard index + 1 < end, base[index + 1] == UInt8(ascii: "n") else { return nil }
                note.append(ASCII.newline)
                index += 2
            } else if byte >= 0x20 && byte < 0x80 {
                guard byte != ASCII.quote else { return nil }
                note.append(byte)
                index += 1
            } else if byte >= 0x80, let length = try? UTF8Sequence.length(at: base + index, available: end - index) {
                note.append(contentsOf: UnsafeBufferPointer(start: base + index, count: length))
                index += length
            } else {
                return nil
            }
        }
        return note
    }
}
