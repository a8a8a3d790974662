#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import LogCrypto

/// Decodes log lines into entries, as `LogEntry(line:)` does, faster: a compact line (as the
/// writer stores it) is scanned once without building a JSON tree; its envelope is read straight
/// from the bytes and its `data` kept as validated bytes (`LogEntry.rawData`). Repeated actors and
/// types share one string each.
///
/// Any line the fast scan declines (whitespace, escapes, a non-ASCII key, an error) goes through
/// `LogEntry(line:)`, so the result and every error are exactly those of `LogEntry(line:)`.
public struct LogEntryDecoder {
    /// Recently seen actors and types, by their bytes in the line.
    private var actors: [(bytes: [UInt8], actor: Actor)] = []
    private var types: [(quoted: [UInt8], type: String)] = []
    private var nextActorSlot = 0
    private var nextTypeSlot = 0
    private static let cacheSize = 8

    /// A decoder with empty caches.
    public init() {}

    /// Decodes one line (without its `"\n"`); same result and errors as `LogEntry(line:)`.
    public mutating func decode(line: UnsafeRawBufferPointer) throws(EntryFormatError) -> LogEntry {
        let bytes = line.assumingMemoryBound(to: UInt8.self)
        if let entry = fastDecode(bytes) { return entry }
        return try LogEntry(strictLine: bytes)
    }

    /// Decodes one line (without its `"\n"`); same result and errors as `LogEntry(line:)`.
    public mutating func decode(line: [UInt8]) throws(EntryFormatError) -> LogEntry {
        if let entry = line.withUnsafeBufferPointer({ fastDecode($0) }) { return entry }
        return try LogEntry(strictLine: line)
    }

    /// The entry, or nil when the line is not a compact, valid entry (the caller then takes the
    /// strict path for the exact error, or for the value of a valid but unusual line).
    mutating func fastDecode(_ input: UnsafeBufferPointer<UInt8>) -> LogEntry? {
        var scanner = CompactJSONScanner(input)
        guard scanner.consume(ASCII.openBrace) else { return nil }
        var seq: Int64?, version: Int64?, prev: SHA256Digest?, at: Timestamp?, type: String?
        var actor: Actor?, data: RawJSONObject?, subject: String?, reason: String?
        repeat {
            guard scanner.peek() == ASCII.quote, let keyRange = scanner.skipString(asciiOnly: true),
                scanner.consume(ASCII.colon)
            else { return nil }
            let key = JSONKey(bytes: UnsafeBufferPointer(rebasing: input[keyRange]))
            // Each field at most once; a repeated key is left to the strict parser's error.
            if key.equals("data") {
                guard data == nil, scanner.peek() == ASCII.openBrace else { return nil }
                let start = scanner.position
                guard scanner.skipObject(depth: 1) else { return nil }
                data = RawJSONObject(validated: Array(UnsafeBufferPointer(rebasing: input[start..<scanner.position])))
            } else if key.equals("actor") {
                guard actor == nil, let decoded = scanActor(&scanner) else { return nil }
                actor = decoded
            } else if key.equals("at") {
                guard at == nil, let text = scanStringValue(&scanner), let time = Timestamp.parse(text),
                    time.isFormattable
                else {
                    return nil
                }
                at = time
            } else if key.equals("prev") {
                guard prev == nil, let text = scanStringValue(&scanner), let digest = Self.digest(text) else {
                    return nil
                }
                prev = digest
            } else if key.equals("seq") {
                guard seq == nil, let value = scanIntegerValue(&scanner), value >= 0 else { return nil }
                seq = value
            } else if key.equals("type") {
                guard type == nil else { return nil }
                if let cached = types.first(where: { Self.hasPrefix(scanner, $0.quoted) }) {
                    scanner.position += cached.quoted.count
                    type = cached.type
                } else {
                    guard let text = scanStringValue(&scanner), let interned = internedType(text) else { return nil }
                    type = interned
                }
            } else if key.equals("subject") {
                guard subject == nil, let text = scanStringValue(&scanner), !text.isEmpty else { return nil }
                subject = String(decoding: text, as: UTF8.self)
            } else if key.equals("reason") {
                guard reason == nil, let text = scanStringValue(&scanner), !text.isEmpty else { return nil }
                reason = String(decoding: text, as: UTF8.self)
            } else if key.equals("v") {
                guard version == nil, let value = scanIntegerValue(&scanner) else { return nil }
                version = value
            } else {
                return nil
            }
        } while scanner.consume(ASCII.comma)
        guard scanner.consume(ASCII.closeBrace), scanner.position == input.count,
            let seq, version == Int64(LogEntry.formatVersion), let prev, let at, let type, let actor, let data
        else { return nil }
        // Every rule of `checkFormat()` was checked above: seq >= 0, `at` formattable, `type` a
        // dotted name, actor members, `subject` and `reason` non-empty, the payload's integers.
        return LogEntry(
            seq: seq, prev: prev, at: at, type: type, actor: actor, payload: .raw(data), subject: subject,
            reason: reason)
    }

    private func scanStringValue(_ scanner: inout CompactJSONScanner) -> UnsafeBufferPointer<UInt8>? {
        guard scanner.peek() == ASCII.quote, let range = scanner.skipString(asciiOnly: false) else { return nil }
        return UnsafeBufferPointer(rebasing: scanner.input[range])
    }

    private func scanIntegerValue(_ scanner: inout CompactJSONScanner) -> Int64? {
        guard let first = scanner.peek(), first == ASCII.minus || ASCII.isDigit(first) else { return nil }
        return scanner.scanInteger()
    }

    /// `{"id":…,"name":…,"role":…}` with string values, in any order, each once.
    private mutating func scanActor(_ scanner: inout CompactJSONScanner) -> Actor? {
        guard scanner.peek() == ASCII.openBrace else { return nil }
        let start = scanner.position
        // The same actor as a recent line: its bytes were validated then.
        for cached in actors where Self.hasPrefix(scanner, cached.bytes) {
            scanner.position += cached.bytes.count
            return cached.actor
        }
        scanner.position += 1
        var id: UnsafeBufferPointer<UInt8>?, name: UnsafeBufferPointer<UInt8>?, role: UnsafeBufferPointer<UInt8>?
        repeat {
            guard scanner.peek() == ASCII.quote, let keyRange = scanner.skipString(asciiOnly: true),
                scanner.consume(ASCII.colon), let value = scanStringValue(&scanner)
            else { return nil }
            let key = JSONKey(bytes: UnsafeBufferPointer(rebasing: scanner.input[keyRange]))
            if key.equals("id"), id == nil {
                id = value
            } else if key.equals("name"), name == nil {
                name = value
            } else if key.equals("role"), role == nil {
                role = value
            } else {
                return nil
            }
        } while scanner.consume(ASCII.comma)
        guard scanner.consume(ASCII.closeBrace), let id, let name, let role else { return nil }
        let text = UnsafeBufferPointer(rebasing: scanner.input[start..<scanner.position])
        guard !id.isEmpty, !name.isEmpty, !role.isEmpty else { return nil }
        let actor = Actor(
            id: String(decoding: id, as: UTF8.self), name: String(decoding: name, as: UTF8.self),
            role: String(decoding: role, as: UTF8.self))
        remember(&actors, (Array(text), actor), slot: &nextActorSlot)
        return actor
    }

    /// The type, checked as a dotted name; nil if it is not one.
    private mutating func internedType(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        guard ASCII.isDottedName(text) else { return nil }
        let type = String(decoding: text, as: UTF8.self)
        remember(&types, ([ASCII.quote] + Array(text) + [ASCII.quote], type), slot: &nextTypeSlot)
        return type
    }

    /// Whether the scanner's remaining input starts with `bytes`.
    private static func hasPrefix(_ scanner: CompactJSONScanner, _ bytes: [UInt8]) -> Bool {
        scanner.position + bytes.count <= scanner.input.count
            && bytes.withUnsafeBufferPointer {
                memcmp($0.baseAddress!, scanner.input.baseAddress! + scanner.position, $0.count) == 0
            }
    }

    private func remember<Value>(_ cache: inout [Value], _ value: Value, slot: inout Int) {
        if cache.count < Self.cacheSize {
            cache.append(value)
        } else {
            cache[slot] = value
            slot = (slot + 1) % Self.cacheSize
        }
    }

    /// Exactly 64 lowercase hex digits.
    private static func digest(_ text: UnsafeBufferPointer<UInt8>) -> SHA256Digest? {
        guard text.count == 64 else { return nil }
        var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let valid = withUnsafeMutableBytes(of: &bytes) { raw -> Bool in
            for index in 0..<32 {
                guard let high = ASCII.lowercaseHexValue(text[2 * index]),
                    let low = ASCII.lowercaseHexValue(text[2 * index + 1])
                else { return false }
                raw[index] = high << 4 | low
            }
            return true
        }
        guard valid else { return nil }
        return withUnsafeBytes(of: &bytes) { raw in
            SHA256Digest(bytes: UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 32))
        }
    }
}
