public import EventLog
import ScreeningDomain

/// A page of the audit trail: matching entries in log order, readable and as data.
public struct AuditTrailView: Sendable {
    /// One entry of the trail.
    public struct Entry: Sendable, Hashable {
        /// The entry's seq.
        public var seq: Int64
        /// When it was recorded (UTC, RFC 3339).
        public var atUTC: String
        /// The same instant in the site's zone, with its offset.
        public var atSite: String
        /// The event type.
        public var type: String
        /// Who acted: id, name and role as recorded.
        public var actor: Actor
        /// The screening number, if the entry is about a subject.
        public var subject: String?
        /// `http` or `cli`, when the application recorded it.
        public var via: String?
        /// The reason given, if any.
        public var reason: String?
        /// A one-line, human-readable account of the entry's data (no request fingerprints).
        public var summary: String
    }

    /// The matching entries, at most the query's limit.
    public var entries: [Entry]
    /// The seq to pass as `fromSeq` for the next page, or nil when the log was read to its end.
    public var nextSeq: Int64?
    /// The filters that were applied, as given.
    public var filters: [String: String]

    /// `{"filters", "entries": [{seq, at, atSite, type, actor {id, name, role}, subject?, via?,
    /// reason?, summary}], "nextSeq"?}`.
    public var jsonValue: JSONValue {
        var json: [String: JSONValue] = [
            "filters": .object(filters.mapValues(JSONValue.string)),
            "entries": .array(entries.map { entry in
                var row: [String: JSONValue] = [
                    "seq": .integer(entry.seq), "at": .string(entry.atUTC), "atSite": .string(entry.atSite),
                    "type": .string(entry.type),
                    "actor": ["id": .string(entry.actor.id), "name": .string(entry.actor.name), "role": .string(entry.actor.role)],
                    "summary": .string(entry.summary),
                ]
                if let subject = entry.subject { row["subject"] = .string(subject) }
                if let via = entry.via { row["via"] = .string(via) }
                if let reason = entry.reason { row["reason"] = .string(reason) }
                return .object(row)
            }),
        ]
        if let nextSeq { json["nextSeq"] = .integer(nextSeq) }
        return .object(json)
    }

    /// The page as RFC 4180 CSV with a header row (`seq,at_utc,at_site,type,actor_id,...`).
    public var csv: String {
        var rows: [[String]] = [[
            "seq", "at_utc", "at_site", "type", "actor_id", "actor_name", "actor_role", "subject", "via", "reason", "summary",
        ]]
        for entry in entries {
            rows.append([
                String(entry.seq), entry.atUTC, entry.atSite, entry.type, entry.actor.id, entry.actor.name,
                entry.actor.role, entry.subject ?? "", entry.via ?? "", entry.reason ?? "", entry.summary,
            ])
        }
        return CSV.document(rows)
    }
}
