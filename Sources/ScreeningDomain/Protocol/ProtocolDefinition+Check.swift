extension ProtocolDefinition {
    /// Checks what the JSON shape alone cannot: ids, references and the kinds rules need.
    func check() throws(DomainError) {
        var inputIDs: [String: InputDefinition] = [:]
        for (index, input) in inputs.enumerated() {
            let path = "inputs[\(index)]"
            guard !input.id.isEmpty, inputIDs[input.id] == nil else {
                throw DomainError.definition(
                    "definition.duplicate_id", at: "\(path).id", "Input ids must be non-empty and unique.")
            }
            inputIDs[input.id] = input
            try input.check(at: path)
        }
        var criterionIDs: Set<String> = []
        for (index, criterion) in criteria.enumerated() {
            try criterion.check(at: "criteria[\(index)]", parentKind: nil, inputs: inputIDs, seen: &criterionIDs)
        }
    }
}

extension InputDefinition {
    func check(at path: String) throws(DomainError) {
        func require(_ condition: Bool, _ field: String, _ reason: String) throws(DomainError) {
            if !condition { throw DomainError.definition("definition.invalid_input", at: "\(path).\(field)", reason) }
        }
        let numeric = kind == .number || kind == .lab
        try require(
            numeric || (units == nil && minimum == nil && maximum == nil && integer == nil), "kind",
            "Only number and lab inputs have units or ranges.")
        try require(kind != .lab || !(units ?? []).isEmpty, "units", "A lab input lists its units.")
        try require(
            kind == .code ? !(codes ?? []).isEmpty : codes == nil, "codes", "Code inputs, and only they, list codes.")
        try require(
            kind == .date || notAfterScreening == nil, "notAfterScreening",
            "Only date inputs can be bounded by the screening date.")
        try require(kind == .yesNo || attestedBy == nil, "attestedBy", "Only yes/no inputs are attested.")
        try require(
            kind != .date || maxDaysBeforeScreening == nil, "maxDaysBeforeScreening",
            "A date input records a past event, which does not go stale; only observations have a staleness limit.")
        try require(
            (maxDaysBeforeScreening ?? 0) >= 0, "maxDaysBeforeScreening", "The staleness limit must not be negative.")
        try require(
            methods == nil || !(methods ?? []).isEmpty, "methods", "List at least one method or leave methods out.")
        if let minimum, let maximum { try require(minimum <= maximum, "minimum", "minimum exceeds maximum.") }
    }
}

extension Criterion {
    func check(at path: String, parentKind: CriterionKind?, inputs: [String: InputDefinition], seen: inout Set<String>)
        throws(DomainError)
    {
        guard !id.isEmpty, seen.insert(id).inserted else {
            throw DomainError.definition(
                "definition.duplicate_id", at: "\(path).id", "Criterion ids must be non-empty and unique.")
        }
        if let parentKind, parentKind != kind {
            throw DomainError.definition(
                "definition.invalid_criterion", at: "\(path).kind", "A sub-item has its parent's kind.")
        }
        let hasChildren = !(children ?? []).isEmpty
        guard (rule != nil) != hasChildren, hasChildren == (combine != nil) else {
            throw DomainError.definition(
                "definition.invalid_criterion", at: path, "A criterion has either a rule, or sub-items with combine.")
        }
        if let when { try when.check(at: "\(path).when", inputs: inputs) }
        if let rule { try rule.check(at: "\(path).rule", inputs: inputs) }
        for (index, child) in (children ?? []).enumerated() {
            try child.check(at: "\(path).children[\(index)]", parentKind: kind, inputs: inputs, seen: &seen)
        }
    }
}

extension Rule {
    func check(at rulePath: String, inputs: [String: InputDefinition]) throws(DomainError) {
        let path = "\(rulePath).\(name)"
        func input(_ id: String, _ kinds: Set<InputKind>, field: String = "input") throws(DomainError)
            -> InputDefinition
        {
            guard let input = inputs[id] else {
                throw DomainError.definition(
                    "definition.unknown_input", at: "\(path).\(field)",
                    "The rule refers to an input that is not defined.")
            }
            guard kinds.contains(input.kind) else {
                throw DomainError.definition(
                    "definition.input_kind", at: "\(path).\(field)", "The rule cannot be applied to this kind of input."
                )
            }
            return input
        }
        func require(_ condition: Bool, _ reason: String) throws(DomainError) {
            if !condition { throw DomainError.definition("definition.invalid_rule", at: path, reason) }
        }
        switch self {
        case .compare(let id, _, _):
            let definition = try input(id, [.number])
            try require((definition.units ?? []).count <= 1, "compare needs an input with a single unit (or none).")
        case .ulnMultiple(let id, _, let multiple):
            _ = try input(id, [.lab])
            try require(!multiple.isNegative, "A ULN multiple is not negative.")
        case .inSet(let id, let codes):
            let definition = try input(id, [.code])
            try require(
                !codes.isEmpty && Set(codes).isSubset(of: definition.codes ?? []), "inSet lists codes the input allows."
            )
        case .yesNo(let id, _):
            _ = try input(id, [.yesNo])
        case .age(_, let years, _):
            try require((0...150).contains(years), "An age limit is 0...150 years.")
        case .sex(let sexes):
            try require(!sexes.isEmpty, "sex lists at least one sex.")
        case .consentOnFile:
            break
        case .within(let id, let amount, _, _):
            _ = try input(id, [.date])
            try require(amount > 0, "A window is at least one unit long.")
        case .withinHalfLives(let id, let halfLifeID, let count, _):
            _ = try input(id, [.date])
            let halfLife = try input(halfLifeID, [.number], field: "halfLifeInput")
            try require(count > 0, "The half-life count is positive.")
            try require(
                !(halfLife.units ?? []).isEmpty && Set(halfLife.units ?? []).isSubset(of: HalfLife.units),
                "A half-life input has units h and/or d.")
        case .any(let rules), .all(let rules):
            for (index, rule) in rules.enumerated() {
                try rule.check(at: "\(path)[\(index)]", inputs: inputs)
            }
        case .not(let rule):
            try rule.check(at: path, inputs: inputs)
        }
    }
}

extension Rule {
    /// The rule's name in the definition language (`compare`, `ulnMultiple`, `any`, ...).
    var name: String {
        switch self {
        case .compare: "compare"
        case .ulnMultiple: "ulnMultiple"
        case .inSet: "inSet"
        case .yesNo: "yesNo"
        case .age: "age"
        case .sex: "sex"
        case .consentOnFile: "consentOnFile"
        case .within: "within"
        case .withinHalfLives: "withinHalfLives"
        case .any: "any"
        case .all: "all"
        case .not: "not"
        }
    }
}

/// Half-life units the `withinHalfLives` rule converts to days.
enum HalfLife {
    static let units: Set<String> = ["h", "d"]

    /// The half-life in days.
    static func days(_ value: DecimalValue, unit: String?) -> DecimalValue? {
        switch unit {
        case "d": value
        case "h": value / DecimalValue(24)
        default: nil
        }
    }
}
