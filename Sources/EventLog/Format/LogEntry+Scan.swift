extension LogEntry {
    /// Checks that `line` (without its `"\n"`) is a valid format v1 entry in canonical form, that is
    /// exactly the bytes `canonicalLine()` writes for the entry it encodes, and returns its header.
    ///
    /// Equivalent to `LogEntry(line:)` followed by comparing `canonicalLine()` with `line`, but a
    /// canonical line is checked in one pass without allocating (the verifier's hot path). Errors
    /// are those of `LogEntry(line:)`, or `entry.notCanonical` for a valid entry written differently.
    public static func scanCanonicalLine(_ line: UnsafeRawBufferPointer) throws(EntryFormatError) -> EntryHeader {
        let bytes = line.bindMemory(to: UInt8.self)
        var scanner = CanonicalLineScanner(bytes)
        if let header = scanner.scanEntry() { return header }
        // Not provably canonical in one pass: decide with the full parser (rare: errors, or data
        // keys outside ASCII).
        let entry = try LogEntry(line: bytes)
        guard entry.canonicalLine().elementsEqual(bytes) else {
            throw EntryFormatError(
                code: "entry.notCanonical", field: nil,
                reason: "the line is a valid entry but not its RFC 8785 canonical encoding")
        }
        return EntryHeader(seq: entry.seq, prev: entry.prev, at: entry.at)
    }

    /// Checks that `line` is a valid, canonical format v1 line; see the `UnsafeRawBufferPointer` overload.
    public static func scanCanonicalLine(_ line: [UInt8]) throws(EntryFormatError) -> EntryHeader {
        let result = line.withUnsafeBytes { raw in
            Result { () throws(EntryFormatError) in try scanCanonicalLine(raw) }
        }
        return try result.get()
    }
}
