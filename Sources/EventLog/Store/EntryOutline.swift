#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The envelope of one stored line - seq, `at`, type, subject and where the line is - read
/// without parsing the whole line; the full entry, or one member of its `data`, on request.
///
/// For an application that opens a large log and needs most entries' envelopes but only some
/// entries' payloads. Relies on the line being the writer's JCS (RFC 8785) encoding of a format
/// v1 entry (members in the order actor, at, data, prev, reason, seq, subject, type, v; no
/// whitespace); a line that does not fit throws `store.corrupt`. The line's bytes are borrowed:
/// an outline is valid only inside the closure that receives it.
public struct EntryOutline {
    /// The `seq` member.
    public let seq: Int64
    /// Where the line is in `events.jsonl`.
    public let location: EntryLocation
    private let skim: EntrySkim
    private let line: UnsafeRawBufferPointer

    /// Outlines `line` (without its "\n"), found at `offset`. Reads only `seq` and `prev`; the
    /// other members are read when asked for.
    init(line: UnsafeRawBufferPointer, offset: Int64) throws {
        guard let skim = EntrySkim(line) else { throw Self.corrupt("not a well-formed entry line", offset: offset) }
        self.seq = skim.seq
        self.skim = skim
        self.location = EntryLocation(offset: offset, length: line.count)
        self.line = line
    }

    /// The `at` member.
    public var at: Timestamp {
        get throws {
            guard let at = skim.at(in: line) else { throw Self.corrupt("no readable at", offset: location.offset) }
            return at
        }
    }

    /// The `type` member.
    public var type: String {
        get throws {
            guard let type = Self.type(in: line) else { throw Self.corrupt("no type where the format puts it", offset: location.offset) }
            return type
        }
    }

    /// The `subject` member, nil if the entry has none.
    public var subject: String? {
        get throws {
            guard let range = skim.subjectRange(in: line) else { return nil }
            guard case .string(let subject)? = Self.value(in: line, range) else {
                throw Self.corrupt("the subject is not a JSON string", offset: location.offset)
            }
            return subject
        }
    }

    /// The whole entry, parsed and checked as ``LogEntry/init(line:)`` does.
    public func entry() throws -> LogEntry {
        var decoder = LogEntryDecoder()
        return try LogReader.entry(line, offset: location.offset, decoder: &decoder)
    }

    /// The `actor.id` member.
    public func actorID() throws -> String {
        let prefix = #"{"actor":{"id":"#.utf8
        guard line.count > prefix.count, line.starts(with: prefix),
            let end = Self.stringEnd(in: line, from: prefix.count),
            case .string(let id)? = Self.value(in: line, prefix.count..<end)
        else { throw Self.corrupt("no actor id where the format puts it", offset: location.offset) }
        return id
    }

    /// The top-level member `key` of `data`, parsed; nil when `data` has no such member.
    public func dataMember(_ key: String) throws -> JSONValue? {
        guard let range = try dataMemberRange(key) else { return nil }
        guard let value = Self.value(in: line, range) else {
            throw Self.corrupt("the data member \(key) is not JSON", offset: location.offset)
        }
        return value
    }

    /// The string members `fields` of the object that is the top-level member `key` of `data`,
    /// in the order asked (nil where absent or not a string); nil when `data` has no member
    /// `key`. Reads only those strings: cheaper than ``dataMember(_:)`` for a small flat object.
    public func dataMemberStrings(_ key: String, fields: [String]) throws -> [String?]? {
        guard let object = try dataMemberRange(key) else { return nil }
        guard object.count > 1, line[object.lowerBound] == UInt8(ascii: "{") else {
            throw Self.corrupt("the data member \(key) is not an object", offset: location.offset)
        }
        var values = [String?](repeating: nil, count: fields.count)
        for (position, field) in fields.enumerated() {
            guard let range = try memberRange(field, objectStart: object.lowerBound), line[range.lowerBound] == UInt8(ascii: "\"")
            else { continue }
            let content = UnsafeRawBufferPointer(rebasing: line[(range.lowerBound + 1)..<(range.upperBound - 1)])
            if content.contains(UInt8(ascii: "\\")) {
                guard case .string(let text)? = Self.value(in: line, range) else {
                    throw Self.corrupt("the data member \(key).\(field) is not a JSON string", offset: location.offset)
                }
                values[position] = text
            } else {
                values[position] = String(decoding: content, as: UTF8.self)
            }
        }
        return values
    }

    /// The byte range of the top-level member `key` of `data`'s value.
    private func dataMemberRange(_ key: String) throws -> Range<Int>? {
        // `data` follows `at`, whose value has no escapes: the first `","data":{` is the member.
        guard let open = EntrySkim.firstIndex(of: Self.dataKey, in: line.assumingMemoryBound(to: UInt8.self)) else {
            throw Self.corrupt("no data object where the format puts it", offset: location.offset)
        }
        return try memberRange(key, objectStart: open + Self.dataKey.utf8CodeUnitCount - 1)
    }

    private static let dataKey: StaticString = #"","data":{"#

    /// The byte range of the value of member `key` in the object starting at `objectStart`.
    private func memberRange(_ key: String, objectStart: Int) throws -> Range<Int>? {
        var index = objectStart + 1  // just past "{"
        while index < line.count, line[index] == UInt8(ascii: "\"") {
            guard let keyEnd = Self.stringEnd(in: line, from: index), keyEnd < line.count,
                line[keyEnd] == UInt8(ascii: ":")
            else { break }
            let valueStart = keyEnd + 1
            guard let valueEnd = Self.valueEnd(in: line, from: valueStart) else { break }
            // JCS keys have no escapes unless they need them; compare the raw bytes.
            let found = key.utf8.withContiguousStorageIfAvailable { wanted in
                keyEnd - index - 2 == wanted.count
                    && memcmp(line.baseAddress! + index + 1, wanted.baseAddress!, wanted.count) == 0
            } ?? (String(decoding: UnsafeRawBufferPointer(rebasing: line[(index + 1)..<(keyEnd - 1)]), as: UTF8.self) == key)
            if found { return valueStart..<valueEnd }
            guard valueEnd < line.count else { break }
            if line[valueEnd] == UInt8(ascii: "}") { return nil }
            guard line[valueEnd] == UInt8(ascii: ",") else { break }
            index = valueEnd + 1
        }
        if index < line.count, line[index] == UInt8(ascii: "}") { return nil }
        throw Self.corrupt("an object in data is not well-formed", offset: location.offset)
    }

    private static func corrupt(_ reason: String, offset: Int64) -> LogStoreError {
        LogStoreError(code: LogStoreError.corruptCode, reason: reason, location: "events.jsonl offset \(offset)")
    }

    /// The `type` value: the line ends with `,"type":"<name>","v":1}`.
    private static func type(in line: UnsafeRawBufferPointer) -> String? {
        let bytes = line.assumingMemoryBound(to: UInt8.self)
        let (suffix, key) = (typeSuffix.utf8CodeUnitCount, typeKey.utf8CodeUnitCount)
        guard line.count > suffix + key, EntrySkim.matches(typeSuffix, in: bytes, at: line.count - suffix) else { return nil }
        let end = line.count - suffix
        var start = end
        while start > 0, line[start - 1] != UInt8(ascii: "\"") { start -= 1 }
        guard start >= key, start < end, EntrySkim.matches(typeKey, in: bytes, at: start - key) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
    }

    private static let typeSuffix: StaticString = #"","v":1}"#
    private static let typeKey: StaticString = #","type":""#

    /// Parses the JSON value in `range`; nil if it is not one.
    private static func value(in line: UnsafeRawBufferPointer, _ range: Range<Int>) -> JSONValue? {
        let bytes = UnsafeBufferPointer(rebasing: line.assumingMemoryBound(to: UInt8.self)[range])
        var parser = JSONParser(bytes)
        return try? parser.parseDocument()
    }

    /// The index just past the string that starts with the `"` at `start`.
    private static func stringEnd(in line: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < line.count, line[start] == UInt8(ascii: "\""), let base = line.baseAddress else { return nil }
        var index = start + 1
        while index < line.count, let hit = memchr(base + index, Int32(UInt8(ascii: "\"")), line.count - index) {
            let quote = base.distance(to: UnsafeRawPointer(hit))
            // Escaped when preceded by an odd number of backslashes.
            var backslashes = 0
            while quote - backslashes - 1 > start, line[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return quote + 1 }
            index = quote + 1
        }
        return nil
    }

    /// The index just past the JSON value that starts at `start` (strings skipped whole, nesting
    /// counted); the value itself is checked only when parsed.
    private static func valueEnd(in line: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < line.count else { return nil }
        switch line[start] {
        case UInt8(ascii: "\""):
            return stringEnd(in: line, from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < line.count {
                switch line[index] {
                case UInt8(ascii: "\""):
                    guard let end = stringEnd(in: line, from: index) else { return nil }
                    index = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            return nil
        default:
            var index = start
            while index < line.count, line[index] != UInt8(ascii: ","), line[index] != UInt8(ascii: "}") { index += 1 }
            return index
        }
    }
}

extension LogReader {
    /// Calls `body` with the outline of each entry with `from <= seq <= through`, in order; as
    /// ``forEachLocatedEntry(from:through:scope:_:)`` but parsing only the envelope. The outline
    /// is valid only during the call.
    public func forEachOutline(
        from: Int64 = 0,
        through: Int64? = nil,
        scope: LogReadScope = .acknowledged,
        _ body: (EntryOutline) throws -> Void
    ) throws {
        try forEachLine(from: from, through: through, scope: scope) { line in
            try body(try EntryOutline(line: line.bytes, offset: line.offset))
        }
    }
}
