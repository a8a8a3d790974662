/// One pass over a log line that checks its bytes are exactly the RFC 8785 (JCS) encoding of a
/// format v1 entry object, and notes where the fields verification needs are.
///
/// Equivalent to "parse strictly, check the fields, re-encode canonically, compare bytes", without
/// building a `JSONValue` per line: canonical JSON has exactly one spelling per value, so each
/// byte can be checked against the only spelling allowed at that point. The verification tests
/// compare both routes on generated and mutated lines.
struct EntryLineScanner {
    /// The deepest nesting of objects and arrays a line may have (the entry object is depth 1).
    static let maxDepth = JSONParser.maxDepth

    let base: UnsafePointer<UInt8>
    let end: Int
    var position = 0

    init(base: UnsafePointer<UInt8>, end: Int) {
        self.base = base
        self.end = end
    }

    /// Checks `line` (without its "\n") and records where its fields are in `fields`, which must
    /// start empty (`ScannedLine()`); passed in rather than returned to avoid copying it per line.
    static func scan(_ line: UnsafeRawBufferPointer, into fields: inout ScannedLine) throws(LineDefect) {
        guard let start = line.baseAddress, line.count > 0 else {
            throw LineDefect(kind: .encoding, column: 0, expected: "a JSON object", found: "an empty line")
        }
        let base = start.assumingMemoryBound(to: UInt8.self)
        var template = EntryLineScanner(base: base, end: line.count)
        if template.scanEntryTemplate(into: &fields) { return }
        fields = ScannedLine()
        var scanner = EntryLineScanner(base: base, end: line.count)
        try scanner.scanEntry(into: &fields)
    }

    // MARK: The entry object

    mutating func scanEntry(into fields: inout ScannedLine) throws(LineDefect) {
        try expect(ASCII.openBrace, "'{' (an entry is a JSON object)")
        if peek() == ASCII.closeBrace {
            position += 1
        } else {
            var previousName: StringSpan?
            while true {
                let name = try scanMemberName(after: previousName)
                previousName = name
                try scanField(name, into: &fields)
                if try endOfMembers() { break }
            }
        }
        guard position == end else {
            throw encodingDefect("the end of the line after the entry object")
        }
        try fields.checkRequiredFields(column: end - 1)
    }

    private mutating func scanField(_ name: StringSpan, into fields: inout ScannedLine) throws(LineDefect) {
        let column = position
        switch EntryField(name: name, in: base) {
        case .version: fields.version = try scanIntegerField("v")
        case .seq: fields.seq = try scanIntegerField("seq")
        case .prev: fields.prev = try scanStringField("prev")
        case .at: fields.at = try scanStringField("at")
        case .type: fields.type = try scanStringField("type")
        case .subject: fields.subject = try scanNonEmptyStringField("subject")
        case .reason: fields.reason = try scanNonEmptyStringField("reason")
        case .actor:
            try scanActor()
            fields.hasActor = true
        case .data:
            guard peek() == ASCII.openBrace else { throw fieldDefect("data", expected: "an object") }
            try scanObject(depth: 2)
            fields.data = column..<position
        case nil:
            throw LineDefect(
                kind: .field, column: name.start - 1,
                expected: "only the fields actor, at, data, prev, reason, seq, subject, type, v",
                found: "an unknown field \(name.printableName(in: base))")
        }
    }

    /// `actor`: exactly `id`, `name` and `role`, each a non-empty string.
    private mutating func scanActor() throws(LineDefect) {
        guard peek() == ASCII.openBrace else { throw fieldDefect("actor", expected: "an object") }
        let objectStart = position
        position += 1
        var found: (id: Bool, name: Bool, role: Bool) = (false, false, false)
        if peek() == ASCII.closeBrace {
            position += 1
        } else {
            var previousName: StringSpan?
            while true {
                let name = try scanMemberName(after: previousName)
                previousName = name
                let member: String
                if name.equals("id", in: base) {
                    member = "actor.id"
                    found.id = true
                } else if name.equals("name", in: base) {
                    member = "actor.name"
                    found.name = true
                } else if name.equals("role", in: base) {
                    member = "actor.role"
                    found.role = true
                } else {
                    throw LineDefect(
                        kind: .field, column: name.start - 1, expected: "only actor.id, actor.name and actor.role",
                        found: "an unknown member \(name.printableName(in: base))")
                }
                let value = try scanStringField(member)
                guard value.count > 0 else {
                    throw LineDefect(
                        kind: .field, column: value.start - 1, expected: "\(member): a non-empty string",
                        found: "an empty string")
                }
                if try endOfMembers() { break }
            }
        }
        guard found.id && found.name && found.role else {
            let missing = !found.id ? "actor.id" : !found.name ? "actor.name" : "actor.role"
            throw LineDefect(
                kind: .field, column: objectStart, expected: "the field \(missing)", found: "no \(missing) field")
        }
    }

    mutating func scanIntegerField(_ field: String) throws(LineDefect) -> Int64 {
        let first = peek()
        guard first == ASCII.minus || ASCII.isDigit(first) else {
            throw fieldDefect(field, expected: "an integer")
        }
        return try scanInteger()
    }

    /// `subject` and `reason` are omitted rather than empty.
    mutating func scanNonEmptyStringField(_ field: String) throws(LineDefect) -> StringSpan {
        let value = try scanStringField(field)
        guard value.count > 0 else {
            throw LineDefect(
                kind: .field, column: value.start - 1, expected: "\(field): a non-empty string (omitted when absent)",
                found: "an empty string")
        }
        return value
    }

    mutating func scanStringField(_ field: String) throws(LineDefect) -> StringSpan {
        guard peek() == ASCII.quote else { throw fieldDefect(field, expected: "a string") }
        return try scanString()
    }

    // MARK: Any value

    mutating func scanValue(depth: Int) throws(LineDefect) {
        switch peek() {
        case ASCII.openBrace: try scanObject(depth: depth + 1)
        case ASCII.openBracket: try scanArray(depth: depth + 1)
        case ASCII.quote: _ = try scanString()
        case ASCII.minus, ASCII.zero...ASCII.nine: _ = try scanInteger()
        case UInt8(ascii: "t"): try scanLiteral("true")
        case UInt8(ascii: "f"): try scanLiteral("false")
        case UInt8(ascii: "n"): try scanLiteral("null")
        default: throw encodingDefect("a JSON value")
        }
    }

    /// An object at nesting `depth`, its members in canonical order.
    mutating func scanObject(depth: Int) throws(LineDefect) {
        guard depth <= Self.maxDepth else { throw encodingDefect("at most \(Self.maxDepth) levels of nesting") }
        let start = position
        position += 1  // "{"
        if peek() == ASCII.closeBrace {
            position += 1
            return
        }
        var previousName: StringSpan?
        var hasOtherThanASCIINames = false
        while true {
            let name = try scanMemberName(after: previousName)
            hasOtherThanASCIINames = hasOtherThanASCIINames || !name.isPlainASCII
            previousName = name
            try scanValue(depth: depth)
            if try endOfMembers() { break }
        }
        if hasOtherThanASCIINames { try checkNamesDistinctAsText(objectAt: start, depth: depth) }
    }

    /// Format v1 readers hold objects as Swift dictionaries, whose `String` keys compare under
    /// Unicode canonical equivalence: "é" (U+00E9) and "e\u{301}" are one key to them, though
    /// JSON and JCS see two. So member names must also differ as Unicode text. Plain ASCII names
    /// differ as text exactly when their bytes differ, so only objects with other names get here.
    private func checkNamesDistinctAsText(objectAt start: Int, depth: Int) throws(LineDefect) {
        var rescan = EntryLineScanner(base: base, end: end)
        rescan.position = start + 1
        var names = Set<String>()
        var count = 0
        repeat {
            let name = try rescan.scanString()
            rescan.position += 1  // ":"
            try rescan.scanValue(depth: depth)
            names.insert(name.string(in: base))
            count += 1
            rescan.position += 1  // "," or "}"
        } while base[rescan.position - 1] == ASCII.comma
        guard names.count == count else {
            throw LineDefect(
                kind: .encoding, column: start,
                expected: "member names that differ as Unicode text (not only canonically equivalent)",
                found: "two canonically equivalent member names")
        }
    }

    private mutating func scanArray(depth: Int) throws(LineDefect) {
        guard depth <= Self.maxDepth else { throw encodingDefect("at most \(Self.maxDepth) levels of nesting") }
        position += 1  // "["
        if peek() == ASCII.closeBracket {
            position += 1
            return
        }
        while true {
            try scanValue(depth: depth)
            switch peek() {
            case ASCII.comma: position += 1
            case ASCII.closeBracket:
                position += 1
                return
            default: throw encodingDefect("',' or ']'")
            }
        }
    }

    /// `"name":` with the name after `previous` in UTF-16 order (RFC 8785 section 3.2.3).
    private mutating func scanMemberName(after previous: StringSpan?) throws(LineDefect) -> StringSpan {
        guard peek() == ASCII.quote else { throw encodingDefect("'\"' (a member name)") }
        let column = position
        let name = try scanString()
        if let previous, !previous.precedes(name, in: base) {
            let duplicate = !name.precedes(previous, in: base)
            throw LineDefect(
                kind: .encoding, column: column,
                expected: "member names in ascending UTF-16 order, each once (RFC 8785 section 3.2.3)",
                found: duplicate ? "a duplicate member name" : "a member name out of order")
        }
        try expect(ASCII.colon, "':'")
        return name
    }

    /// After a member: `,` (more follow, returns false) or `}` (the object ends, returns true).
    private mutating func endOfMembers() throws(LineDefect) -> Bool {
        switch peek() {
        case ASCII.comma:
            position += 1
            return false
        case ASCII.closeBrace:
            position += 1
            return true
        default:
            throw encodingDefect("',' or '}'")
        }
    }

    /// An integer as JCS writes it: no leading zeros, no "-0", no fraction or exponent, and
    /// within ±(2^53−1) as format v1 requires.
    mutating func scanInteger() throws(LineDefect) -> Int64 {
        let start = position
        let negative = peek() == ASCII.minus
        if negative { position += 1 }
        let first = peek()
        guard ASCII.isDigit(first) else { throw encodingDefect("a digit") }
        var magnitude: Int64 = 0
        var digits = 0
        while ASCII.isDigit(peek()) {
            digits += 1
            guard digits <= 16 else { break }
            magnitude = magnitude * 10 + Int64(peek() - ASCII.zero)
            position += 1
        }
        if digits > 16 || magnitude > JSONValue.maxSafeInteger {
            throw LineDefect(
                kind: .encoding, column: start, expected: "an integer within ±(2^53−1)",
                found: "an integer out of range")
        }
        if first == ASCII.zero && digits > 1 {
            throw LineDefect(kind: .encoding, column: start, expected: "no leading zeros", found: "a leading zero")
        }
        switch peek() {
        case ASCII.dot, UInt8(ascii: "e"), UInt8(ascii: "E"):
            throw encodingDefect("an integer (format v1 has no fractions or exponents)")
        default:
            break
        }
        if negative && magnitude == 0 {
            throw LineDefect(kind: .encoding, column: start, expected: "0 (JCS writes -0 as 0)", found: "-0")
        }
        return negative ? -magnitude : magnitude
    }

    private mutating func scanLiteral(_ literal: StaticString) throws(LineDefect) {
        let count = literal.utf8CodeUnitCount
        guard end - position >= count, ASCII.equal(base + position, literal.utf8Start, count: count) else {
            throw encodingDefect("a JSON value")
        }
        position += count
    }

    // MARK: Helpers

    /// The byte at the current position, or 0 past the end (0 is never valid where it is tested).
    @inline(__always)
    func peek() -> UInt8 {
        position < end ? base[position] : 0
    }

    private mutating func expect(_ byte: UInt8, _ description: String) throws(LineDefect) {
        guard peek() == byte else { throw encodingDefect(description) }
        position += 1
    }

    /// A defect in the encoding at the current position.
    func encodingDefect(_ expected: String) -> LineDefect {
        LineDefect(kind: .encoding, column: position, expected: expected, found: describeCurrentByte())
    }

    /// A value of the wrong type for `field`; an encoding defect if no JSON value starts here.
    private func fieldDefect(_ field: String, expected: String) -> LineDefect {
        guard let kind = JSONKind.describe(peek()) else { return encodingDefect("a JSON value") }
        return LineDefect(kind: .field, column: position, expected: "\(field): \(expected)", found: kind)
    }

    /// The byte at the current position in words, without quoting anything beyond one character.
    func describeCurrentByte() -> String {
        guard position < end else { return "the end of the line" }
        let byte = base[position]
        switch byte {
        case 0x20: return "a space"
        case 0x09: return "a tab"
        case 0x0D: return "a carriage return"
        case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default: return "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }
}

/// What kind of JSON value starts with a byte, for messages.
enum JSONKind {
    /// "an object", "a string", ...; `nil` if no JSON value starts with `byte`.
    static func describe(_ byte: UInt8) -> String? {
        switch byte {
        case ASCII.openBrace: "an object"
        case ASCII.openBracket: "an array"
        case ASCII.quote: "a string"
        case ASCII.minus, ASCII.zero...ASCII.nine: "a number"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a Boolean"
        case UInt8(ascii: "n"): "null"
        default: nil
        }
    }
}
