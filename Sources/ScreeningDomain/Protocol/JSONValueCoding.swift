import EventLog

/// Carries a `JSONValue` through `Codable`, so definition types encode exactly as their `jsonValue`.
/// Numbers must be integers: a fractional JSON number is rejected, never rounded.
struct JSONValueCoding: Codable {
    var value: JSONValue

    init(_ value: JSONValue) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .null
        } else if let flag = try? container.decode(Bool.self) {
            value = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            value = .integer(number)
        } else if let text = try? container.decode(String.self) {
            value = .string(text)
        } else if let elements = try? container.decode([JSONValueCoding].self) {
            value = .array(elements.map(\.value))
        } else if let members = try? container.decode([String: JSONValueCoding].self) {
            value = .object(members.mapValues(\.value))
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not an integer-only JSON value.")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .integer(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let elements): try container.encode(elements.map(JSONValueCoding.init))
        case .object(let members): try container.encode(members.mapValues(JSONValueCoding.init))
        }
    }

    /// Rethrows a definition error as a decoding error at the decoder's position.
    static func decode<T>(_ decoder: any Decoder, _ body: (JSONValue) throws(DomainError) -> T) throws -> T {
        let json = try JSONValueCoding(from: decoder).value
        do {
            return try body(json)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description, underlyingError: error))
        }
    }
}

extension ProtocolDefinition: Codable {
    /// Decodes through `decode(from:)`, with the same checks.
    public init(from decoder: any Decoder) throws {
        self = try JSONValueCoding.decode(decoder) { (json) throws(DomainError) in
            try ProtocolDefinition.decode(from: json)
        }
    }

    /// Encodes `jsonValue`.
    public func encode(to encoder: any Encoder) throws {
        try JSONValueCoding(jsonValue).encode(to: encoder)
    }
}

extension Rule: Codable {
    /// Decodes through `init(json:)`.
    public init(from decoder: any Decoder) throws {
        self = try JSONValueCoding.decode(decoder) { (json) throws(DomainError) in try Rule(json: json) }
    }

    /// Encodes `jsonValue`.
    public func encode(to encoder: any Encoder) throws {
        try JSONValueCoding(jsonValue).encode(to: encoder)
    }
}

extension Criterion: Codable {
    /// Decodes through `init(json:)`.
    public init(from decoder: any Decoder) throws {
        self = try JSONValueCoding.decode(decoder) { (json) throws(DomainError) in try Criterion(json: json) }
    }

    /// Encodes `jsonValue`.
    public func encode(to encoder: any Encoder) throws {
        try JSONValueCoding(jsonValue).encode(to: encoder)
    }
}

extension InputDefinition: Codable {
    /// Decodes through `init(json:)`.
    public init(from decoder: any Decoder) throws {
        self = try JSONValueCoding.decode(decoder) { (json) throws(DomainError) in try InputDefinition(json: json) }
    }

    /// Encodes `jsonValue`.
    public func encode(to encoder: any Encoder) throws {
        try JSONValueCoding(jsonValue).encode(to: encoder)
    }
}
