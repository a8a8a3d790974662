extension JSONValue {
    /// Parses one JSON text (RFC 8259), strictly, as format v1 allows it.
    ///
    /// Rejects, with the byte offset: invalid UTF-8 (RFC 3629) anywhere, lone surrogate escapes,
    /// unescaped control characters in strings, duplicate object keys (including keys Swift treats
    /// as equal under Unicode canonical equivalence), numbers with a fraction or exponent, numbers
    /// with leading zeros, integers beyond ±(2^53−1), nesting deeper than 512, and anything but
    /// whitespace after the value.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            var parser = JSONParser(buffer)
            return Result { () throws(JSONParseError) in try parser.parseDocument() }
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer throws(JSONParseError) in
            var parser = JSONParser(buffer)
            return try parser.parseDocument()
        }
    }
}

/// A recursive-descent parser over a contiguous UTF-8 buffer.
struct JSONParser {
    static let maxDepth = 512

    private let input: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    var depth = 0
    /// Reused for strings that contain escapes.
    private var scratch: [UInt8] = []

    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        try expectEnd()
        return value
    }

    /// Requires that only whitespace remains.
    mutating func expectEnd() throws(JSONParseError) {
        skipWhitespace()
        guard position == input.count else {
            throw error("json.trailing", "unexpected data after the JSON value")
        }
    }

    /// Consumes `byte` (after optional whitespace) or throws a syntax error saying what was expected.
    mutating func expect(_ byte: UInt8, _ what: String) throws(JSONParseError) {
        skipWhitespace()
        guard peek() == byte else { throw error("json.syntax", "expected \(what)") }
        position += 1
    }

    /// Consumes `byte` if it comes next (after optional whitespace).
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < input.count else { throw error("json.syntax", "unexpected end of input, expected a value") }
        switch input[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try parseInteger())
        default: throw error("json.syntax", "unexpected character, expected a value")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1  // "{"
        // Most objects have a handful of members: one allocation instead of growing 1, 2, 4, 8.
        var members = [String: JSONValue](minimumCapacity: 8)
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error("json.syntax", "expected a string key") }
            let keyOffset = position
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw error("json.syntax", "expected ':' after an object key") }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            guard members.updateValue(value, forKey: key) == nil else {
                throw JSONParseError(code: "json.duplicateKey", reason: "duplicate object key", offset: keyOffset)
            }
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return .object(members)
            default: throw error("json.syntax", "expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        position += 1  // "["
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return .array(elements)
            default: throw error("json.syntax", "expected ',' or ']' in an array")
            }
        }
    }

    mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw error("json.depth", "nesting deeper than \(Self.maxDepth)") }
    }

    /// An integer: `-?(0|[1-9][0-9]*)`, within ±(2^53−1). Fractions and exponents are refused
    /// because format v1 carries decimals as strings.
    private mutating func parseInteger() throws(JSONParseError) -> Int64 {
        let start = position
        let negative = input[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        guard let first = peek(), isDigit(first) else { throw error("json.number", "expected a digit") }
        var magnitude: Int64 = 0
        if first == UInt8(ascii: "0") {
            position += 1
            if let next = peek(), isDigit(next) { throw error("json.number", "leading zeros are not allowed") }
        } else {
            while let digit = peek(), isDigit(digit) {
                magnitude = magnitude * 10 + Int64(digit - UInt8(ascii: "0"))
                guard magnitude <= JSONValue.maxSafeInteger else {
                    throw JSONParseError(
                        code: "json.number", reason: "integer beyond ±(2^53−1)", offset: start)
                }
                position += 1
            }
        }
        if let next = peek(), next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            throw error("json.number", "fractions and exponents are not allowed in format v1 (decimals are strings)")
        }
        return negative ? -magnitude : magnitude
    }

    /// A string starting at the opening quote, validating UTF-8 and escapes.
    mutating func parseString() throws(JSONParseError) -> String {
        position += 1  // opening quote
        let start = position
        // Fast path: no escapes, so the bytes are the string.
        while position < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                let string = String(decoding: UnsafeBufferPointer(rebasing: input[start..<position]), as: UTF8.self)
                position += 1
                return string
            } else if byte == UInt8(ascii: "\\") {
                break
            } else if byte < 0x20 {
                throw error("json.string", "unescaped control character in a string")
            } else if byte < 0x80 {
                position += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        guard position < input.count else { throw error("json.string", "unterminated string") }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<position]))
        while position < input.count {
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                try parseEscape()
            } else if byte < 0x20 {
                throw error("json.string", "unescaped control character in a string")
            } else if byte < 0x80 {
                scratch.append(byte)
                position += 1
            } else {
                let sequenceStart = position
                try skipUTF8Sequence()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[sequenceStart..<position]))
            }
        }
        throw error("json.string", "unterminated string")
    }

    /// One escape sequence starting at the backslash, appended to `scratch` as UTF-8.
    private mutating func parseEscape() throws(JSONParseError) {
        let escapeStart = position
        position += 1
        guard let letter = peek() else { throw error("json.string", "unterminated escape") }
        position += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(letter)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var value = try parseHex4()
            if (0xD800...0xDBFF).contains(value) {
                guard position + 1 < input.count, input[position] == UInt8(ascii: "\\"),
                    input[position + 1] == UInt8(ascii: "u")
                else {
                    throw JSONParseError(code: "json.string", reason: "lone high surrogate escape", offset: escapeStart)
                }
                position += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONParseError(code: "json.string", reason: "lone high surrogate escape", offset: escapeStart)
                }
                value = 0x1_0000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(value) {
                throw JSONParseError(code: "json.string", reason: "lone low surrogate escape", offset: escapeStart)
            }
            appendUTF8(Unicode.Scalar(value)!)
        default:
            throw JSONParseError(code: "json.string", reason: "invalid escape sequence", offset: escapeStart)
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= input.count else { throw error("json.string", "truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = input[position]
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: throw error("json.string", "invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(nibble)
            position += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { scratch.append($0) }
    }

    /// Steps over one multi-byte UTF-8 sequence, rejecting overlong forms, encoded surrogates,
    /// code points above U+10FFFF and truncated sequences (RFC 3629 section 4; `UTF8Sequence`).
    private mutating func skipUTF8Sequence() throws(JSONParseError) {
        do {
            position += try UTF8Sequence.length(at: input.baseAddress! + position, available: input.count - position)
        } catch {
            switch error {
            case .leadByte: throw self.error("json.utf8", "invalid UTF-8 lead byte")
            case .truncated: throw self.error("json.utf8", "truncated UTF-8 sequence")
            case .secondByte: throw self.error("json.utf8", "invalid UTF-8 sequence")
            case .continuationByte: throw self.error("json.utf8", "invalid UTF-8 continuation byte")
            }
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        guard position + count <= input.count, input[position..<position + count].elementsEqual(expected)
        else { throw error("json.syntax", "invalid literal") }
        position += count
    }

    mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    func peek() -> UInt8? {
        position < input.count ? input[position] : nil
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    func error(_ code: String, _ reason: String) -> JSONParseError {
        JSONParseError(code: code, reason: reason, offset: position)
    }
}
