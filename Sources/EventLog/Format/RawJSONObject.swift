#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one JSON object that `LogEntryDecoder` validated as format v1 JSON: compact (no
/// whitespace), strings without escapes, object keys ASCII, unique and in ascending order,
/// integers within ±(2^53−1).
///
/// Read it member by member with `withMembers(_:)` (no dictionary, no strings you do not ask
/// for), or as a dictionary with `members`.
public struct RawJSONObject: Sendable, Hashable {
    /// The object's text, `{` to `}`.
    @usableFromInline let bytes: [UInt8]

    init(validated bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The object as a dictionary (built on each call).
    public var members: [String: JSONValue] {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONMemberReader(buffer, valueAt: 0)
            guard case .object(let members) = reader.buildValue() else {
                preconditionFailure("RawJSONObject holds bytes that were validated as a JSON object")
            }
            return members
        }
    }

    /// The member `key`, parsing only its value; nil when the object has no such member.
    public func member(_ key: String) -> JSONValue? {
        var key = key
        return key.withUTF8 { name in
            withMembers { reader in
                while let found = reader.nextKey() {
                    if found.bytes.count == name.count && memcmp(found.bytes.baseAddress!, name.baseAddress!, name.count) == 0 {
                        return reader.value()
                    }
                }
                return nil
            }
        }
    }

    /// The object without the members named in `names` (the bytes copied, nothing parsed).
    public func removingMembers(_ names: Set<String>) -> RawJSONObject {
        bytes.withUnsafeBufferPointer { buffer in
            var kept: [UInt8] = [ASCII.openBrace]
            kept.reserveCapacity(buffer.count)
            var reader = JSONMemberReader(buffer, objectStart: 0)
            while let key = reader.nextKey() {
                let memberStart = key.bytes.baseAddress! - 1 - buffer.baseAddress!
                reader.skipValue()
                guard !key.isOne(of: names) else { continue }
                if kept.count > 1 { kept.append(ASCII.comma) }
                kept.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[memberStart..<reader.offset]))
            }
            kept.append(ASCII.closeBrace)
            return RawJSONObject(validated: kept)
        }
    }

    /// Calls `body` with a reader positioned before the object's first member. The reader and
    /// every buffer it hands out are valid only during the call. (Inlinable, so that callers in
    /// other modules get a specialised copy instead of generic dispatch per entry.)
    @inlinable
    public func withMembers<Result, Failure: Error>(
        _ body: (inout JSONMemberReader) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try bytes.withUnsafeBufferPointer { buffer throws(Failure) in
            var reader = JSONMemberReader(buffer, objectStart: 0)
            return try body(&reader)
        }
    }
}

/// The JSON types a member's value can have.
public enum JSONValueKind: Sendable, Hashable {
    /// `null`
    case null
    /// `true` or `false`
    case bool
    /// An integer.
    case integer
    /// A string.
    case string
    /// An array.
    case array
    /// An object.
    case object
}

/// A member name as it appears in a `RawJSONObject`: ASCII bytes, no escapes.
public struct JSONKey {
    /// The name's bytes (valid only while the reader that returned it is).
    public let bytes: UnsafeBufferPointer<UInt8>

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Whether the name is `name`, compared byte by byte. Inlinable: decoders call it for every
    /// member and candidate name, and most candidates differ in length.
    @inlinable
    public func equals(_ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        let other = name.utf8Start
        for index in 0..<bytes.count where bytes[index] != other[index] { return false }
        return true
    }

    /// Whether the name is one of `names`, compared byte by byte (no string is built).
    public func isOne(of names: Set<String>) -> Bool {
        for name in names where name.utf8.count == bytes.count {
            var name = name
            if name.withUTF8({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) { return true }
        }
        return false
    }

    /// The name as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// Reads the members of one validated object in stored order: `nextKey()`, then one read of the
/// value (a value not read is skipped by the next `nextKey()`).
///
/// A typed read (`string()`, `integer()`, ...) returns nil and consumes nothing when the value has
/// another type, so the caller can report the field and read it another way.
public struct JSONMemberReader {
    private let input: UnsafeBufferPointer<UInt8>
    private var position: Int
    private var valuePending = false

    /// A reader positioned at a value (for `buildValue()`), not inside an object.
    init(_ input: UnsafeBufferPointer<UInt8>, valueAt position: Int) {
        self.input = input
        self.position = position
        finished = true
    }

    /// The byte offset the reader has reached.
    var offset: Int { position }
    private var finished = false

    @usableFromInline
    init(_ input: UnsafeBufferPointer<UInt8>, objectStart: Int) {
        self.input = input
        self.position = objectStart + 1
        finished = input[position] == ASCII.closeBrace
    }

    /// The next member's name, or nil after the last member.
    public mutating func nextKey() -> JSONKey? {
        if valuePending { skipValue() }
        guard !finished else { return nil }
        if input[position] == ASCII.comma { position += 1 }
        guard input[position] == ASCII.quote else {
            finished = true
            return nil
        }
        let start = position + 1
        let end = closingQuote(after: start)
        position = end + 2  // closing quote and ':'
        valuePending = true
        return JSONKey(bytes: UnsafeBufferPointer(rebasing: input[start..<end]))
    }

    /// The type of the current member's value.
    public var valueKind: JSONValueKind {
        switch input[position] {
        case ASCII.quote: .string
        case ASCII.openBrace: .object
        case ASCII.openBracket: .array
        case UInt8(ascii: "t"), UInt8(ascii: "f"): .bool
        case UInt8(ascii: "n"): .null
        default: .integer
        }
    }

    /// The value's UTF-8 bytes if it is a string (valid only while this reader is).
    public mutating func stringBytes() -> UnsafeBufferPointer<UInt8>? {
        guard valuePending, input[position] == ASCII.quote else { return nil }
        let start = position + 1
        let end = closingQuote(after: start)
        position = end + 1
        valuePending = false
        return UnsafeBufferPointer(rebasing: input[start..<end])
    }

    /// The value if it is a string.
    public mutating func string() -> String? {
        stringBytes().map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value if it is an integer.
    public mutating func integer() -> Int64? {
        guard valuePending, valueKind == .integer else { return nil }
        valuePending = false
        return readInteger()
    }

    /// Reads the integer at `position` (validated JSON: an optional minus, then digits).
    private mutating func readInteger() -> Int64 {
        let negative = input[position] == ASCII.minus
        if negative { position += 1 }
        var magnitude: Int64 = 0
        while position < input.count, ASCII.isDigit(input[position]) {
            magnitude = magnitude * 10 + Int64(input[position] - ASCII.zero)
            position += 1
        }
        return negative ? -magnitude : magnitude
    }

    /// The value if it is `true` or `false`.
    public mutating func bool() -> Bool? {
        guard valuePending, valueKind == .bool else { return nil }
        let value = input[position] == UInt8(ascii: "t")
        position += value ? 4 : 5
        valuePending = false
        return value
    }

    /// True (and consumed) if the value is `null`.
    public mutating func null() -> Bool {
        guard valuePending, valueKind == .null else { return false }
        position += 4
        valuePending = false
        return true
    }

    /// A reader over the value's members if it is an object; this reader moves past the object.
    public mutating func object() -> JSONMemberReader? {
        guard valuePending, input[position] == ASCII.openBrace else { return nil }
        let nested = JSONMemberReader(input, objectStart: position)
        skipValue()
        return nested
    }

    /// The value, whatever its type, as a `JSONValue`.
    public mutating func value() -> JSONValue {
        valuePending = false
        return buildValue()
    }

    /// Builds the value at `position` from the validated bytes (no re-validation: strings have no
    /// escapes and valid UTF-8, keys are unique, integers in range) and moves past it. The values
    /// are those `JSONParser` gives for the same bytes.
    mutating func buildValue() -> JSONValue {
        switch input[position] {
        case ASCII.quote:
            let start = position + 1
            let end = closingQuote(after: start)
            position = end + 1
            return .string(String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self))
        case ASCII.openBrace:
            position += 1
            var members: [String: JSONValue] = [:]
            if input[position] == ASCII.closeBrace {
                position += 1
                return .object(members)
            }
            while true {
                let start = position + 1
                let end = closingQuote(after: start)
                position = end + 2  // closing quote and ':'
                let key = String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
                members[key] = buildValue()
                position += 1  // ',' or '}'
                if input[position - 1] == ASCII.closeBrace { return .object(members) }
            }
        case ASCII.openBracket:
            position += 1
            var elements: [JSONValue] = []
            if input[position] == ASCII.closeBracket {
                position += 1
                return .array(elements)
            }
            while true {
                elements.append(buildValue())
                position += 1  // ',' or ']'
                if input[position - 1] == ASCII.closeBracket { return .array(elements) }
            }
        case UInt8(ascii: "t"):
            position += 4
            return .bool(true)
        case UInt8(ascii: "f"):
            position += 5
            return .bool(false)
        case UInt8(ascii: "n"):
            position += 4
            return .null
        default:
            return .integer(readInteger())
        }
    }

    /// The index of the quote closing a string whose content starts at `start` (validated strings
    /// hold no escapes, so it is the next quote).
    @inline(__always)
    private func closingQuote(after start: Int) -> Int {
        let base = input.baseAddress!
        let found = memchr(base + start, Int32(ASCII.quote), input.count - start)!
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Steps over the value.
    public mutating func skipValue() {
        guard valuePending else { return }
        valuePending = false
        var depth = 0
        repeat {
            switch input[position] {
            case ASCII.quote:
                position = closingQuote(after: position + 1) + 1
            case ASCII.openBrace, ASCII.openBracket:
                depth += 1
                position += 1
            case ASCII.closeBrace, ASCII.closeBracket:
                depth -= 1
                position += 1
            default:
                // A number or literal (or a ',' or ':' inside a container): up to the next delimiter.
                position += 1
                while position < input.count {
                    let byte = input[position]
                    if depth == 0 && (byte == ASCII.comma || byte == ASCII.closeBrace || byte == ASCII.closeBracket) {
                        break
                    }
                    if byte == ASCII.quote || byte == ASCII.openBrace || byte == ASCII.openBracket
                        || byte == ASCII.closeBrace || byte == ASCII.closeBracket
                    {
                        break
                    }
                    position += 1
                }
            }
        } while depth > 0
    }
}
