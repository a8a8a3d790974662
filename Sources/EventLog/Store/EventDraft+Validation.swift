extension EventDraft {
    /// Event types are dotted names: two or more segments separated by `.`, each segment a
    /// lower-case ASCII letter followed by ASCII letters, digits, `_` or `-`
    /// (for example `subject.screened`, `eligibility.criterion-overridden`).
    ///
    /// Types starting `log.` are reserved for the writer (`log.created`, `log.recovered`).
    public static let typePattern = "[a-z][A-Za-z0-9_-]*(\\.[a-z][A-Za-z0-9_-]*)+"

    /// Throws a `draft.invalid` error naming the first offending field (prefixed by `field`).
    func validate(field prefix: String, allowReservedTypes: Bool) throws {
        try Self.checkType(type, field: prefix + ".type")
        if !allowReservedTypes, type.hasPrefix(DraftLimits.reservedTypePrefix) {
            throw LogStoreError.invalidDraft(
                "types starting `log.` are reserved for the writer", field: prefix + ".type")
        }
        try Self.checkName(actor.id, field: prefix + ".actor.id")
        try Self.checkName(actor.name, field: prefix + ".actor.name")
        try Self.checkName(actor.role, field: prefix + ".actor.role")
        if let subject { try Self.checkName(subject, field: prefix + ".subject") }
        if let reason {
            if reason.allSatisfy(\.isWhitespace) {
                throw LogStoreError.invalidDraft(
                    "must not be empty when present (omit it instead)", field: prefix + ".reason")
            }
            try Self.checkString(reason, field: prefix + ".reason")
        }
        for (key, value) in data {
            try Self.checkKey(key, field: prefix + ".data")
            try Self.checkValue(value, field: prefix + ".data." + key, depth: 1)
        }
    }

    static func checkType(_ type: String, field: String) throws {
        if type.isEmpty { throw LogStoreError.invalidDraft("must not be empty", field: field) }
        if type.utf8.count > DraftLimits.maxNameBytes {
            throw LogStoreError.invalidDraft("is longer than \(DraftLimits.maxNameBytes) bytes", field: field)
        }
        if !isDottedName(type.utf8) {
            throw LogStoreError.invalidDraft("must be a dotted name matching \(typePattern)", field: field)
        }
    }

    static func checkName(_ value: String, field: String) throws {
        if value.isEmpty || value.allSatisfy(\.isWhitespace) {
            throw LogStoreError.invalidDraft("must not be empty", field: field)
        }
        if value.utf8.count > DraftLimits.maxNameBytes {
            throw LogStoreError.invalidDraft("is longer than \(DraftLimits.maxNameBytes) bytes", field: field)
        }
    }

    private static func checkKey(_ key: String, field: String) throws {
        if key.utf8.count > DraftLimits.maxNameBytes {
            throw LogStoreError.invalidDraft("has a key longer than \(DraftLimits.maxNameBytes) bytes", field: field)
        }
    }

    private static func checkString(_ value: String, field: String) throws {
        if value.utf8.count > DraftLimits.maxStringBytes {
            throw LogStoreError.invalidDraft(
                "is a string longer than \(DraftLimits.maxStringBytes) bytes", field: field)
        }
    }

    private static func checkValue(_ value: JSONValue, field: String, depth: Int) throws {
        switch value {
        case .null, .bool:
            return
        case .integer(let number):
            if number > JSONValue.maxSafeInteger || number < -JSONValue.maxSafeInteger {
                throw LogStoreError.invalidDraft(
                    "is an integer beyond ±(2^53-1), which JSON cannot carry exactly", field: field)
            }
        case .string(let string):
            try checkString(string, field: field)
        case .array(let elements):
            if depth >= DraftLimits.maxDepth {
                throw LogStoreError.invalidDraft("nests deeper than \(DraftLimits.maxDepth) levels", field: field)
            }
            for (index, element) in elements.enumerated() {
                try checkValue(element, field: "\(field)[\(index)]", depth: depth + 1)
            }
        case .object(let members):
            if depth >= DraftLimits.maxDepth {
                throw LogStoreError.invalidDraft("nests deeper than \(DraftLimits.maxDepth) levels", field: field)
            }
            for (key, member) in members {
                try checkKey(key, field: field)
                try checkValue(member, field: field + "." + key, depth: depth + 1)
            }
        }
    }

    /// Matches ``typePattern`` without a regular-expression engine.
    private static func isDottedName(_ bytes: String.UTF8View) -> Bool {
        var segments = 0
        var atSegmentStart = true
        for byte in bytes {
            if atSegmentStart {
                guard byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") else { return false }
                atSegmentStart = false
                segments += 1
            } else if byte == UInt8(ascii: ".") {
                atSegmentStart = true
            } else {
                let ok =
                    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                guard ok else { return false }
            }
        }
        return !atSegmentStart && segments >= 2
    }
}
