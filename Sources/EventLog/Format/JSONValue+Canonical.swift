import LogCrypto

extension JSONValue {
    /// The RFC 8785 (JCS) canonical encoding: object keys sorted by UTF-16 code units, no
    /// insignificant whitespace, minimal string escaping, integers in plain decimal.
    ///
    /// Integers outside ±(2^53−1) are written as they are, but no parser of format v1 accepts
    /// them back; `LogEntry.checkFormat()` rejects them before they reach the log.
    public func canonicalBytes() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256)
        JCSWriter.write(self, into: &buffer)
        return buffer
    }

    /// The RFC 8785 (JCS) canonical encoding as a string.
    public var canonicalString: String {
        String(decoding: canonicalBytes(), as: UTF8.self)
    }
}

/// Appends RFC 8785 encodings to a byte buffer, with no intermediate strings per value.
enum JCSWriter {
    static func write(_ value: JSONValue, into buffer: inout [UInt8]) {
        switch value {
        case .null:
            buffer.append(contentsOf: "null".utf8)
        case .bool(let flag):
            buffer.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        case .integer(let number):
            writeInteger(number, into: &buffer)
        case .string(let string):
            writeString(string, into: &buffer)
        case .array(let elements):
            buffer.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                write(element, into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .object(let members):
            writeObject(members, into: &buffer)
        }
    }

    /// An object with its members in RFC 8785 section 3.2.3 order.
    static func writeObject(_ members: [String: JSONValue], into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "{"))
        var first = true
        for key in members.keys.sorted(by: precedesInUTF16) {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            writeString(key, into: &buffer)
            buffer.append(UInt8(ascii: ":"))
            write(members[key]!, into: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// An integer in plain decimal (RFC 8785 section 3.2.2.3 for integers: no exponent, no fraction).
    static func writeInteger(_ number: Int64, into buffer: inout [UInt8]) {
        if number < 0 { buffer.append(ASCII.minus) }
        ASCII.appendDecimal(number.magnitude, to: &buffer)
    }

    /// A string per RFC 8785 section 3.2.2.2: only `"`, `\` and controls below U+0020 are escaped
    /// (`\b \f \n \r \t` by name, others as lowercase `\u00xx`); everything else is raw UTF-8.
    static func writeString(_ string: String, into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                buffer.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(byte)
                case 0x08: buffer.append(UInt8(ascii: "b"))
                case 0x0C: buffer.append(UInt8(ascii: "f"))
                case 0x0A: buffer.append(UInt8(ascii: "n"))
                case 0x0D: buffer.append(UInt8(ascii: "r"))
                case 0x09: buffer.append(UInt8(ascii: "t"))
                default:
                    buffer.append(contentsOf: "u00".utf8)
                    buffer.append(hexDigit(byte >> 4))
                    buffer.append(hexDigit(byte & 0x0F))
                }
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends the 64 lowercase hex digits of `digest` (no quotes).
    static func appendHex(_ digest: SHA256Digest, to buffer: inout [UInt8]) {
        digest.withUnsafeBytes { bytes in
            for byte in bytes {
                buffer.append(hexDigit(byte >> 4))
                buffer.append(hexDigit(byte & 0x0F))
            }
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// Whether `a` sorts before `b` when both are compared as arrays of UTF-16 code units
    /// (RFC 8785 section 3.2.3). Differs from code-point order only between U+E000...U+FFFF and
    /// supplementary-plane characters, which UTF-16 encodes with lower surrogates.
    static func precedesInUTF16(_ a: String, _ b: String) -> Bool {
        var left = a.unicodeScalars.makeIterator()
        var right = b.unicodeScalars.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?):
                guard x != y else { continue }
                return utf16SortKey(x) < utf16SortKey(y)
            }
        }
    }

    /// A scalar's UTF-16 code units packed as `first << 16 | second` (second is 0 for one unit),
    /// so integer order is code-unit order.
    private static func utf16SortKey(_ scalar: Unicode.Scalar) -> UInt32 {
        let value = scalar.value
        guard value >= 0x1_0000 else { return value << 16 }
        let offset = value - 0x1_0000
        return (0xD800 + (offset >> 10)) << 16 | (0xDC00 + (offset & 0x3FF))
    }
}
