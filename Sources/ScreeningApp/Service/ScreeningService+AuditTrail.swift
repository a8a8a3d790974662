import EventLog
import ScreeningDomain

extension ScreeningService {
    /// A page of the audit trail over the whole log: entries matching `query`, in log order.
    ///
    /// Streams the acknowledged log from `query.fromSeq` (memory bounded by the page). Access
    /// follows the existing read rules: the trail shows account events, so it needs the
    /// `accounts` read (admin, monitor; others get `forbidden`); entries about a subject also
    /// need the `screeningData` read, so an admin sees account, protocol, export and log entries
    /// but no subject's entries (and a `subject` filter is `forbidden` for them).
    /// Errors: `forbidden`, `malformed` (`from`, `to`, `limit`, `fromSeq`).
    public func auditTrail(_ query: AuditTrailQuery, by user: AuthenticatedUser) async throws(AppError) -> AuditTrailView {
        try authorizeRead(.accounts, by: user)
        let role = state.withLock { $0.accounts[user.id]?.role } ?? user.role
        let seesSubjects = role.may(read: .screeningData)
        if query.subject != nil && !seesSubjects {
            throw .forbidden("role.forbidden", "the \(role.rawValue) role may not read screening data")
        }
        return try queryAuditTrail(query, includingSubjects: seesSubjects)
    }

    /// The audit trail without a role check, for the CLI's reads (whoever may read the store's
    /// files may read all of it, as with every other CLI read). Errors: `malformed`.
    public func auditTrail(_ query: AuditTrailQuery) async throws(AppError) -> AuditTrailView {
        try queryAuditTrail(query, includingSubjects: true)
    }

    func queryAuditTrail(_ query: AuditTrailQuery, includingSubjects seesSubjects: Bool) throws(AppError) -> AuditTrailView {
        guard (1...AuditTrailQuery.maxLimit).contains(query.limit) else {
            throw .malformed("query.invalid", field: "limit", "limit must be 1...\(AuditTrailQuery.maxLimit)")
        }
        guard query.fromSeq >= 0 else { throw .malformed("query.invalid", field: "fromSeq", "fromSeq must be 0 or more") }
        let from = try query.from.map { text throws(AppError) in try trailBound(text, field: "from", startOfDay: true) }
        let to = try query.to.map { text throws(AppError) in try trailBound(text, field: "to", startOfDay: false) }

        struct PageFull: Error {}
        let site = configuration.site
        var entries: [AuditTrailView.Entry] = []
        var nextSeq: Int64?
        do {
            var start = query.fromSeq
            if let from {
                // `at` never decreases along the log: skip straight to the first entry at or after `from`.
                let before = try logReader.lastSeq(atOrBefore: Timestamp(microsecondsSinceEpoch: from.microsecondsSinceEpoch - 1))
                start = max(start, (before ?? -1) + 1)
            }
            // A cursor at or past the end reads nothing (the reader refuses seqs it does not hold).
            let size = try logReader.acknowledgedSize()
            if start < size {
                try logReader.forEachEntry(from: start, through: size - 1) { entry in
                    if let to, entry.at > to { throw PageFull() }  // `at` never decreases along the log
                    guard seesSubjects || entry.subject == nil,
                        query.user.map({ $0 == entry.actor.id }) ?? true,
                        query.subject.map({ $0 == entry.subject }) ?? true,
                        query.matches(type: entry.type),
                        from.map({ entry.at >= $0 }) ?? true
                    else { return }
                    if entries.count == query.limit {
                        nextSeq = entry.seq
                        throw PageFull()
                    }
                    entries.append(AuditTrailView.Entry(
                        seq: entry.seq, atUTC: entry.at.formatted, atSite: site.localTimestampString(entry.at),
                        type: entry.type, actor: entry.actor, subject: entry.subject,
                        via: entry.dataMember("via")?.stringValue, reason: entry.reason,
                        summary: AuditTrailSummary.summary(of: entry)))
                }
            }
        } catch is PageFull {
        } catch {
            throw Self.storeError(error, action: "read the log")
        }
        return AuditTrailView(entries: entries, nextSeq: nextSeq, filters: query.filtersJSON)
    }

    /// Records that `user` took away an export, as one `export.performed` entry through the
    /// service's single write path; returns once it is durable (its seq).
    ///
    /// The user's current account must be active; the role needs no write permission (reading
    /// was already authorized by the read that produced the export). Errors: `unauthenticated`,
    /// `unavailable` (read-only or poisoned service, store errors).
    @discardableResult
    public func recordExport(_ export: ExportRecord, by user: AuthenticatedUser, via: Interface) async throws(AppError) -> Int64 {
        let (_, entries) = try await commit { state, _ throws(AppError) -> Decision<Void> in
            let account = try Self.currentAccount(user, in: state)
            let draft = EventDraft(
                type: ExportRecord.eventType,
                actor: Actor(id: account.id, name: account.name, role: account.role.rawValue),
                data: export.data)
            return Decision(drafts: Self.stamp([draft], via: via, request: nil), result: ())
        }
        guard let seq = entries.last?.seq else {
            throw .unavailable("store.append_failed", "the export entry was not appended")
        }
        return seq
    }

    /// A trail bound: a bare date is the start (`from`) or end (`to`) of that site day.
    private func trailBound(_ text: String, field: String, startOfDay: Bool) throws(AppError) -> Timestamp {
        if startOfDay, text.utf8.count == 10, let date = LocalDate(iso: text) {
            return configuration.site.startOfDay(date)
        }
        do {
            return try AsOf.parse(text, site: configuration.site)
        } catch {
            throw .malformed(error.code, field: field, error.reason)
        }
    }
}
