public import EventLog

extension InputDefinition {
    /// The input definition as JSON; absent optional members are left out.
    public var jsonValue: JSONValue {
        var object = JSONObjectBuilder()
        object.set("id", id)
        object.set("label", label)
        object.set("kind", kind.rawValue)
        object.set("units", units)
        object.set("minimum", minimum)
        object.set("maximum", maximum)
        object.set("integer", integer)
        object.set("codes", codes)
        object.set("methods", methods)
        object.set("attestedBy", attestedBy)
        object.set("notAfterScreening", notAfterScreening)
        object.set("maxDaysBeforeScreening", maxDaysBeforeScreening)
        object.set("note", note)
        return object.json
    }

    /// Decodes an input definition; `path` locates it for error messages.
    public init(json: JSONValue, at path: String = "input") throws(DomainError) {
        var fields = try JSONFields(json, at: path)
        self.init(
            id: try fields.string("id"), label: try fields.string("label"),
            kind: try fields.enumeration("kind", as: InputKind.self), units: try fields.optionalStrings("units"),
            minimum: try fields.optionalDecimal("minimum"), maximum: try fields.optionalDecimal("maximum"),
            integer: try fields.optionalBool("integer"), codes: try fields.optionalStrings("codes"),
            methods: try fields.optionalStrings("methods"), attestedBy: try fields.optionalString("attestedBy"),
            notAfterScreening: try fields.optionalBool("notAfterScreening"),
            maxDaysBeforeScreening: try fields.optionalInteger("maxDaysBeforeScreening"),
            note: try fields.optionalString("note"))
        try fields.finish()
    }
}
