import EventLog
import ScreeningDomain

extension SubjectStatusView {
    /// Builds the view of `record` in `state`.
    init(record: SubjectRecord, state: ScreeningState, point: ReplayPoint?) {
        let evaluation = state.evaluation(of: record)
        let status = state.status(of: record, evaluation: evaluation)
        var json: [String: JSONValue] = [
            "screeningNumber": .string(record.screeningNumber),
            "status": .string(status.rawValue),
            "screeningDate": .string(record.screeningDate.iso),
            "registeredSeq": .integer(record.registeredSeq),
        ]
        if let point { json["asOf"] = point.jsonValue }
        if let registered = state.protocolInForce(for: record) {
            let definition = registered.definition
            json["protocol"] = [
                "protocolID": .string(definition.protocolID), "version": .string(definition.version),
                "sha256": .string(registered.sha256.hex), "registeredSeq": .integer(registered.seq),
            ]
            json["signatureMeaning"] = .string(EligibilitySigned.meaning(protocolID: definition.protocolID, version: definition.version))
        }
        if let evaluation {
            json["evaluation"] = evaluation.jsonValue
            json["evaluationSHA256"] = .string(evaluation.sha256.hex)
            json["overall"] = Self.overall(evaluation.overall)
        }
        if let consent = record.consent {
            json["consent"] = ["formVersion": .string(consent.formVersion), "dateSigned": .string(consent.dateSigned.iso), "seq": .integer(consent.seq)]
        }
        if let signature = record.signatures.last {
            var signed: [String: JSONValue] = [
                "seq": .integer(signature.seq), "at": .string(signature.at.formatted),
                "signer": ["id": .string(signature.signer.id), "name": .string(signature.signed.printedName)],
                "meaning": .string(signature.signed.meaning),
                "evaluationSHA256": .string(signature.signed.evaluationSHA256),
                "protocolVersion": .string(signature.signed.protocolVersion),
                "applies": .bool(signature.applies),
            ]
            if let void = signature.voidedBy {
                signed["voidedBy"] = ["seq": .integer(void.seq), "type": .string(void.eventType)]
            }
            json["signature"] = .object(signed)
        }
        if let enrolment = record.enrolment {
            json["enrolment"] = ["seq": .integer(enrolment.seq), "at": .string(enrolment.at.formatted),
                                 "enrolledOn": .string(enrolment.enrolledOn.iso), "signatureSeq": .integer(enrolment.signatureSeq)]
        }
        if let failure = record.screenFailure {
            var member: [String: JSONValue] = [
                "seq": .integer(failure.seq), "at": .string(failure.at.formatted),
                "category": .string(failure.failure.category.rawValue),
                "criteria": .array(failure.failure.criteria.map { .string($0) }),
            ]
            if let text = failure.failure.text { member["text"] = .string(text) }
            json["screenFailure"] = .object(member)
        }
        if let withdrawal = record.withdrawal {
            json["withdrawal"] = ["seq": .integer(withdrawal.seq), "at": .string(withdrawal.at.formatted),
                                  "withdrawnOn": .string(withdrawal.withdrawal.withdrawnOn.iso),
                                  "initiatedBy": .string(withdrawal.withdrawal.initiatedBy.rawValue)]
        }
        if let review = record.auditReviews.last {
            json["lastAuditReview"] = ["seq": .integer(review.seq), "at": .string(review.at.formatted),
                                       "reviewer": ["id": .string(review.reviewer.id), "name": .string(review.reviewer.name)],
                                       "throughSeq": .integer(review.throughSeq)]
        }
        self.init(
            screeningNumber: record.screeningNumber, asOf: point, evaluationSHA256: evaluation?.sha256.hex,
            jsonValue: .object(json))
    }

    /// `{"status": "eligible"}`, or with `failing` / `missing` criterion ids (the domain's shape).
    static func overall(_ overall: OverallEligibility) -> JSONValue {
        overall.jsonValue
    }
}
