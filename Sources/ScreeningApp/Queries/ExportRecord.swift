import EventLog
public import LogCrypto

/// One export the shells served (a CSV or JSON document a user took away), as recorded in the
/// log by `ScreeningService.recordExport(_:by:via:)` under the type `export.performed`.
public struct ExportRecord: Sendable, Hashable {
    /// The event type of a recorded export.
    public static let eventType = "export.performed"

    /// What was exported: `screening-log`, `replay` or `audit-trail`.
    public var what: String
    /// `csv` or `json`.
    public var format: String
    /// The parameters that shaped the document (e.g. `asOf`, trail filters), as given.
    public var parameters: [String: String]
    /// The number of data rows (entries, subjects) in the document, header excluded.
    public var rowCount: Int
    /// SHA-256 of the exact bytes handed to the user.
    public var sha256: SHA256Digest

    /// Describes an export of `bytes`; the digest is computed here.
    public init(what: String, format: String, parameters: [String: String] = [:], rowCount: Int, bytes: [UInt8]) {
        self.what = what
        self.format = format
        self.parameters = parameters
        self.rowCount = rowCount
        self.sha256 = SHA256.hash(bytes)
    }

    /// The event's data: `{what, format, parameters, rowCount, sha256}`.
    var data: [String: JSONValue] {
        [
            "what": .string(what), "format": .string(format),
            "parameters": .object(parameters.mapValues(JSONValue.string)),
            "rowCount": .integer(Int64(rowCount)), "sha256": .string(sha256.hex),
        ]
    }

    /// `exported screening-log as csv (12 rows; asOf=...; sha256 ...)` for the trail.
    static func summary(of data: [String: JSONValue]) -> String {
        var parts = ["\(data["rowCount"]?.integerValue.map(String.init) ?? "?") rows"]
        if let parameters = data["parameters"]?.objectValue {
            parts += parameters.keys.sorted().map { "\($0)=\(parameters[$0]?.stringValue ?? "?")" }
        }
        parts.append("sha256 \(data["sha256"]?.stringValue ?? "?")")
        return "exported \(data["what"]?.stringValue ?? "?") as \(data["format"]?.stringValue ?? "?") ("
            + parts.joined(separator: "; ") + ")"
    }
}
