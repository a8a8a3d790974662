/// The fields of one log line that verification looks at, as found by `EntryLineScanner`.
///
/// Strings are spans into the line (still in their escaped, canonical spelling); the line's
/// buffer must outlive any use of them.
struct ScannedLine: Sendable, Equatable {
    /// `v`, the format version.
    var version: Int64?
    /// `seq`, the entry's position in the log.
    var seq: Int64?
    /// `prev`, the previous entry's hash in hex.
    var prev: StringSpan?
    /// `at`, the UTC timestamp.
    var at: StringSpan?
    /// `type`, the dotted event name.
    var type: StringSpan?
    /// `subject`, if present.
    var subject: StringSpan?
    /// `reason`, if present.
    var reason: StringSpan?
    /// Whether `actor` is present (the scanner checks its shape).
    var hasActor = false
    /// The bytes of the `data` object, including its braces.
    var data: Range<Int>?

    /// Throws the first required field that is absent, in canonical order.
    func checkRequiredFields(column: Int) throws(LineDefect) {
        let missing: String? =
            if !hasActor { "actor" } else if at == nil { "at" } else if data == nil { "data" } else if prev == nil {
                "prev"
            } else if seq == nil { "seq" } else if type == nil { "type" } else if version == nil { "v" } else { nil }
        if let missing {
            throw LineDefect(
                kind: .field, column: column, expected: "the field \(missing)", found: "no \(missing) field")
        }
    }
}

/// The top-level fields of a format v1 entry.
enum EntryField {
    case actor, at, data, prev, reason, seq, subject, type, version

    /// The field a member name names, or `nil` if format v1 has no such field.
    init?(name: StringSpan, in base: UnsafePointer<UInt8>) {
        guard name.isPlainASCII else { return nil }
        let candidate: (EntryField, StaticString)
        switch (name.count, base[name.start]) {
        case (1, UInt8(ascii: "v")): candidate = (.version, "v")
        case (2, UInt8(ascii: "a")): candidate = (.at, "at")
        case (3, UInt8(ascii: "s")): candidate = (.seq, "seq")
        case (4, UInt8(ascii: "d")): candidate = (.data, "data")
        case (4, UInt8(ascii: "p")): candidate = (.prev, "prev")
        case (4, UInt8(ascii: "t")): candidate = (.type, "type")
        case (5, UInt8(ascii: "a")): candidate = (.actor, "actor")
        case (6, UInt8(ascii: "r")): candidate = (.reason, "reason")
        case (7, UInt8(ascii: "s")): candidate = (.subject, "subject")
        default: return nil
        }
        guard name.equals(candidate.1, in: base) else { return nil }
        self = candidate.0
    }
}
