public import EventLog

extension Criterion {
    /// The criterion as JSON; absent optional members are left out.
    public var jsonValue: JSONValue {
        var object = JSONObjectBuilder()
        object.set("id", id)
        object.set("kind", kind.rawValue)
        object.set("text", text)
        object["when"] = when?.jsonValue
        object["rule"] = rule?.jsonValue
        object.set("combine", combine?.rawValue)
        if let children { object["children"] = .array(children.map(\.jsonValue)) }
        object.set("note", note)
        return object.json
    }

    /// Decodes a criterion and its sub-items; `path` locates it for error messages.
    public init(json: JSONValue, at path: String = "criterion") throws(DomainError) {
        var fields = try JSONFields(json, at: path)
        let id = try fields.string("id")
        let kind = try fields.enumeration("kind", as: CriterionKind.self)
        let text = try fields.string("text")
        let when = try fields.optionalValue("when").map { (json) throws(DomainError) in
            try Rule(json: json, at: fields.path("when"))
        }
        let rule = try fields.optionalValue("rule").map { (json) throws(DomainError) in
            try Rule(json: json, at: fields.path("rule"))
        }
        let combine = try fields.optionalString("combine").map { (text) throws(DomainError) -> Combine in
            guard let combine = Combine(rawValue: text) else {
                throw DomainError.definition(
                    "definition.invalid_value", at: "\(path).combine", "combine is all or any.")
            }
            return combine
        }
        var children: [Criterion]?
        if fields.optionalValue("children") != nil {
            children = []
            for (index, child) in try fields.array("children").enumerated() {
                children?.append(try Criterion(json: child, at: "\(fields.path("children"))[\(index)]"))
            }
        }
        let note = try fields.optionalString("note")
        try fields.finish()
        self.init(
            id: id, kind: kind, text: text, when: when, rule: rule, combine: combine, children: children, note: note)
    }
}
