/// The filters and page of an audit-trail read (`ScreeningService.auditTrail(_:by:)`).
///
/// Every filter is optional and they combine with AND. `from`/`to` are transaction time: a bare
/// date `YYYY-MM-DD` is a whole day in the site's zone (`from` = its start, `to` = its end), an
/// RFC 3339 instant with `Z` or an offset is taken as given; both bounds are inclusive.
public struct AuditTrailQuery: Sendable, Hashable {
    /// The default page size.
    public static let defaultLimit = 200
    /// The largest page size a caller may ask for.
    public static let maxLimit = 5_000

    /// Entries whose actor has this user id (`system` for failed logins and locks).
    public var user: String?
    /// Entries whose type is this, or starts with it when it ends in `.` (e.g. `user.`).
    public var type: String?
    /// Entries about this screening number.
    public var subject: String?
    /// The earliest `at` (inclusive).
    public var from: String?
    /// The latest `at` (inclusive).
    public var to: String?
    /// The first seq to consider (the cursor: pass the previous page's `nextSeq`).
    public var fromSeq: Int64
    /// The most entries to return, 1...`maxLimit`.
    public var limit: Int

    /// Creates a query; the defaults read the whole log from seq 0, 200 entries at a time.
    public init(
        user: String? = nil, type: String? = nil, subject: String? = nil, from: String? = nil, to: String? = nil,
        fromSeq: Int64 = 0, limit: Int = AuditTrailQuery.defaultLimit
    ) {
        self.user = user
        self.type = type
        self.subject = subject
        self.from = from
        self.to = to
        self.fromSeq = fromSeq
        self.limit = limit
    }

    /// Whether `type` matches the type filter: an exact name, or a prefix ending in `.`.
    func matches(type candidate: String) -> Bool {
        guard let type else { return true }
        return type.hasSuffix(".") ? candidate.hasPrefix(type) : candidate == type
    }

    /// The filters as JSON (only those given), for views and export events.
    var filtersJSON: [String: String] {
        var json: [String: String] = [:]
        if let user { json["user"] = user }
        if let type { json["type"] = type }
        if let subject { json["subject"] = subject }
        if let from { json["from"] = from }
        if let to { json["to"] = to }
        return json
    }
}
