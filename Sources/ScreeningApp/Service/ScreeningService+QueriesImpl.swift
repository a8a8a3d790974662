import EventLog
import ScreeningDomain

extension ScreeningService {
    func querySubjectStatus(_ screeningNumber: String, asOf: String?) async throws(AppError) -> SubjectStatusView {
        guard asOf == nil else { return try buildSubjectStatus(screeningNumber, asOf: asOf) }
        try loadSubject(screeningNumber)
        let version = state.withLock { $0.viewVersion(of: screeningNumber) }
        if let cached = subjectViews.view(screeningNumber, at: version) { return cached }
        let view = try buildSubjectStatus(screeningNumber, asOf: nil)
        // Built from a state at least as new as `version` (the state only moves forward), so it
        // is never older than what the key says.
        subjectViews.store(view, for: screeningNumber, at: version)
        return view
    }

    private func buildSubjectStatus(_ screeningNumber: String, asOf: String?) throws(AppError) -> SubjectStatusView {
        let snapshot = try subjectSnapshot(screeningNumber, asOf: asOf)
        guard let record = snapshot.state.subjects[screeningNumber] else {
            throw .notFound(
                "subject.unknown", field: "subject",
                asOf == nil ? "no subject is registered under this screening number"
                    : "no subject was registered under this screening number at that time")
        }
        var view = SubjectStatusView(record: record, state: snapshot.state, point: snapshot.point)
        if case .object(var json) = view.jsonValue, let subject = snapshot.state.subjectView(screeningNumber) {
            json["waitingFor"] = .array(subject.waitingFor.map(\.jsonValue))
            view.jsonValue = .object(json)
        }
        return view
    }

    func queryWorklist(asOf: String?) async throws(AppError) -> WorklistView {
        let snapshot = try snapshot(asOf: asOf)
        let worklist = snapshot.state.worklist()
        var items: [JSONValue] = []
        for group in worklist.groups {
            for item in group.items {
                items.append([
                    "screeningNumber": .string(item.screeningNumber), "status": .string(group.status.rawValue),
                    "screeningDate": .string(item.screeningDate.iso),
                    "waitingFor": .array(item.waitingFor.map(\.jsonValue)),
                    "waitingForText": .string(item.waitingFor.map(\.text).joined(separator: "; ")),
                ])
            }
        }
        var json: [String: JSONValue] = ["items": .array(items)]
        if let point = snapshot.point { json["asOf"] = point.jsonValue }
        return WorklistView(asOf: snapshot.point, jsonValue: .object(json))
    }

    func queryHistory(_ screeningNumber: String) async throws(AppError) -> HistoryView {
        let entries = try entries(about: screeningNumber, through: Int64.max)
        guard entries.contains(where: { $0.subject == screeningNumber }) else {
            throw .notFound("subject.unknown", field: "subject", "no subject is registered under this screening number")
        }
        let via = Dictionary(uniqueKeysWithValues: entries.map { ($0.seq, $0.dataMember("via")) })
        let history: SubjectHistory
        do {
            history = try SubjectHistory.build(
                subject: screeningNumber, from: entries.map(ApplicationEnvelope.domainEntry), site: configuration.site)
        } catch {
            throw .unavailable(error.code, "the subject's history cannot be built: \(error.reason)")
        }
        let rows: [JSONValue] = history.entries.map { entry in
            var row: [String: JSONValue] = [
                "seq": .integer(entry.seq), "type": .string(entry.type), "at": .string(entry.atUTC),
                "atSite": .string(entry.atSite),
                "actor": ["id": .string(entry.actor.id), "name": .string(entry.actor.name), "role": .string(entry.actor.role)],
                "summary": .string(entry.summary),
                "changes": .array(entry.changes.map { change in
                    ["field": .string(change.field), "old": change.old.map(JSONValue.string) ?? .null,
                     "new": change.new.map(JSONValue.string) ?? .null]
                }),
            ]
            if let reason = entry.reason { row["reason"] = .string(reason) }
            if let from = via[entry.seq] ?? nil { row["via"] = from }
            if let voided = entry.voidedSignatureSeq { row["voidedSignatureSeq"] = .integer(voided) }
            return .object(row)
        }
        return HistoryView(
            screeningNumber: screeningNumber,
            jsonValue: ["screeningNumber": .string(screeningNumber), "entries": .array(rows)])
    }

    func queryScreeningLog() async throws(AppError) -> ScreeningLogView {
        try loadAllSubjects()
        let log = state.withLock { $0.screening }.screeningLog()
        let rows: [JSONValue] = log.rows.map { row in
            var json: [String: JSONValue] = [
                "screeningNumber": .string(row.screeningNumber), "screeningDate": .string(row.screeningDate.iso),
                "status": .string(row.status.rawValue), "eligible": row.eligible.map(JSONValue.bool) ?? .null,
                "criteriaNotMet": .array(row.criteriaNotMet.map { .string($0) }),
            ]
            if let failure = row.screenFailure { json["screenFailure"] = .string(failure.rawValue) }
            if let text = row.reasonText { json["reasonText"] = .string(text) }
            if let date = row.enrolledOn { json["enrolledOn"] = .string(date.iso) }
            if let date = row.withdrawnOn { json["withdrawnOn"] = .string(date.iso) }
            return .object(json)
        }
        let consort = log.consort
        let counts: JSONValue = [
            "assessed": .integer(Int64(consort.assessed)), "excluded": .integer(Int64(consort.excluded)),
            "excludedNotMeetingCriteria": .integer(Int64(consort.excludedNotMeetingCriteria)),
            "excludedDeclined": .integer(Int64(consort.excludedDeclined)),
            "excludedOther": .integer(Int64(consort.excludedOther)), "enrolled": .integer(Int64(consort.enrolled)),
            "stillInScreening": .integer(Int64(consort.stillInScreening)),
        ]
        return ScreeningLogView(jsonValue: ["rows": .array(rows), "consort": counts], csv: log.csv())
    }

    func queryReplay(asOf: String) async throws(AppError) -> ReplayView {
        let snapshot = try snapshot(asOf: asOf)
        guard let point = snapshot.point else { throw .malformed("field.missing", field: "asOf", "is required") }
        var subjects: [JSONValue] = []
        var csv: [[String]] = [["screening_number", "screening_date", "status", "overall", "signature", "waiting_for"]]
        for view in snapshot.state.subjectViews() {
            let overall = view.evaluation.map { SubjectStatusView.overall($0.overall) }
            let signature = view.signature.map { $0.applies ? "applies" : "voided" } ?? "none"
            subjects.append([
                "screeningNumber": .string(view.screeningNumber), "screeningDate": .string(view.screeningDate.iso),
                "status": .string(view.status.rawValue), "overall": overall ?? .null,
                "evaluationSHA256": view.evaluation.map { .string($0.sha256.hex) } ?? .null,
                "signature": .string(signature),
                "waitingFor": .array(view.waitingFor.map(\.jsonValue)),
            ])
            csv.append([
                view.screeningNumber, view.screeningDate.iso, view.status.rawValue,
                overall?["status"]?.stringValue ?? "", signature, view.waitingFor.map(\.text).joined(separator: "; "),
            ])
        }
        return ReplayView(
            asOf: point, jsonValue: ["asOf": point.jsonValue, "subjects": .array(subjects)], csv: CSV.document(csv))
    }

    func queryAudit() async throws(AppError) -> AuditView {
        let report: SignatureAuditReport
        do {
            let entries = DomainEntries(try logReader.entries())
            report = try SignatureAuditReport.audit(entries, site: configuration.site)
            if let failure = entries.failure { throw failure }
        } catch let error as DomainError {
            throw .unavailable(error.code, "the signature audit cannot run: \(error.reason)")
        } catch {
            throw Self.storeError(error, action: "read the log")
        }
        let checks: [JSONValue] = report.checks.map { check in
            var json: [String: JSONValue] = [
                "seq": .integer(check.seq), "subject": .string(check.subject), "at": .string(check.at.formatted),
                "signer": ["id": .string(check.signer.id), "name": .string(check.signer.name)],
                "protocolVersion": .string(check.protocolVersion),
            ]
            switch check.outcome {
            case .ok:
                json["matches"] = true
            case .mismatch(let expected, let found):
                json["matches"] = false
                json["signed"] = .string(expected)
                json["recomputed"] = found.map(JSONValue.string) ?? .null
            }
            return .object(json)
        }
        return AuditView(allMatch: report.allMatch, jsonValue: ["allMatch": .bool(report.allMatch), "signatures": .array(checks)])
    }

    func runVerification() async throws(AppError) -> VerificationView {
        let verifier = StoreVerifier(storeDirectory: configuration.storeDirectory.path, keyTrust: .pinned(verifierKey))
        do {
            return VerificationView(try verifier.verify())
        } catch {
            throw .unavailable(error.code, "verification could not run: \(error.reason)")
        }
    }

    func readLatestCheckpoint() throws(AppError) -> String {
        do {
            return try logReader.latestCheckpointNote()
        } catch {
            throw Self.storeError(error, action: "read the checkpoint")
        }
    }
}
