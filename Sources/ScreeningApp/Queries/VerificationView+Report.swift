public import EventLog

extension VerificationView {
    /// The view of an engine report: the one place its JSON is built, so `screening verify --json`
    /// and `GET /v1/verification` print the same object (the engine's report plus `passed`).
    public init(_ report: VerificationReport) {
        var json = (try? JSONValue.parse(Array(report.renderedJSON().utf8)))?.objectValue ?? [:]
        json["passed"] = .bool(report.isIntact)
        self.init(passed: report.isIntact, text: report.renderedText(), jsonValue: .object(json))
    }
}
