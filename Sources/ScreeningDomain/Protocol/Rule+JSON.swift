public import EventLog

extension Rule {
    /// The rule as the definition language writes it: a one-member object naming the rule.
    public var jsonValue: JSONValue {
        var body = JSONObjectBuilder()
        let name: String
        switch self {
        case .compare(let input, let op, let value):
            name = "compare"
            body.set("input", input)
            body.set("op", op.rawValue)
            body.set("value", value)
        case .ulnMultiple(let input, let op, let multiple):
            name = "ulnMultiple"
            body.set("input", input)
            body.set("op", op.rawValue)
            body.set("multiple", multiple)
        case .inSet(let input, let codes):
            name = "inSet"
            body.set("input", input)
            body.set("codes", codes)
        case .yesNo(let input, let expected):
            name = "yesNo"
            body.set("input", input)
            body.set("expected", expected)
        case .age(let op, let years, let source):
            name = "age"
            body.set("op", op.rawValue)
            body["years"] = .integer(Int64(years))
            body.set("source", source)
        case .sex(let sexes):
            name = "sex"
            body.set("in", sexes.map(\.rawValue))
        case .consentOnFile:
            name = "consentOnFile"
        case .within(let input, let amount, let unit, let note):
            name = "within"
            body.set("input", input)
            body["amount"] = .integer(Int64(amount))
            body.set("unit", unit.rawValue)
            body.set("note", note)
        case .withinHalfLives(let input, let halfLifeInput, let count, let note):
            name = "withinHalfLives"
            body.set("input", input)
            body.set("halfLifeInput", halfLifeInput)
            body["count"] = .integer(Int64(count))
            body.set("note", note)
        case .any(let rules):
            return ["any": .array(rules.map(\.jsonValue))]
        case .all(let rules):
            return ["all": .array(rules.map(\.jsonValue))]
        case .not(let rule):
            return ["not": rule.jsonValue]
        }
        return .object([name: body.json])
    }

    /// Decodes a rule; `path` locates it in the definition for error messages.
    public init(json: JSONValue, at path: String = "rule") throws(DomainError) {
        guard case .object(let members) = json, members.count == 1, let (name, body) = members.first else {
            throw DomainError.definition(
                "definition.invalid_rule", at: path, "A rule is an object with exactly one member naming it.")
        }
        let bodyPath = "\(path).\(name)"
        switch name {
        case "any", "all":
            guard case .array(let elements) = body, !elements.isEmpty else {
                throw DomainError.definition(
                    "definition.invalid_rule", at: bodyPath, "Expected a non-empty array of rules.")
            }
            var rules: [Rule] = []
            for (index, element) in elements.enumerated() {
                rules.append(try Rule(json: element, at: "\(bodyPath)[\(index)]"))
            }
            self = name == "any" ? .any(rules) : .all(rules)
            return
        case "not":
            self = .not(try Rule(json: body, at: bodyPath))
            return
        default:
            break
        }
        var fields = try JSONFields(body, at: bodyPath)
        switch name {
        case "compare":
            self = .compare(
                input: try fields.string("input"), op: try fields.enumeration("op", as: Comparison.self),
                value: try fields.decimal("value"))
        case "ulnMultiple":
            self = .ulnMultiple(
                input: try fields.string("input"), op: try fields.enumeration("op", as: Comparison.self),
                multiple: try fields.decimal("multiple"))
        case "inSet":
            self = .inSet(input: try fields.string("input"), codes: try fields.strings("codes"))
        case "yesNo":
            self = .yesNo(input: try fields.string("input"), expected: try fields.bool("expected"))
        case "age":
            self = .age(
                op: try fields.enumeration("op", as: Comparison.self), years: try fields.integer("years"),
                source: try fields.optionalString("source"))
        case "sex":
            var sexes: [Sex] = []
            for text in try fields.strings("in") {
                guard let sex = Sex(rawValue: text) else {
                    throw DomainError.definition(
                        "definition.invalid_value", at: "\(bodyPath).in", "Sex is male or female.")
                }
                sexes.append(sex)
            }
            self = .sex(sexes)
        case "consentOnFile":
            self = .consentOnFile
        case "within":
            self = .within(
                input: try fields.string("input"), amount: try fields.integer("amount"),
                unit: try fields.enumeration("unit", as: WindowUnit.self), note: try fields.optionalString("note"))
        case "withinHalfLives":
            self = .withinHalfLives(
                input: try fields.string("input"), halfLifeInput: try fields.string("halfLifeInput"),
                count: try fields.integer("count"), note: try fields.optionalString("note"))
        default:
            throw DomainError.definition("definition.invalid_rule", at: path, "Unknown rule name.")
        }
        try fields.finish()
    }
}
