import LogCrypto

extension ProtocolDefinition {
    /// Evaluates every criterion for one subject on the screening date in `facts`.
    ///
    /// Pure and deterministic: the same definition and facts give an equal evaluation (and the
    /// same `sha256`). Observations this version rejects count as not recorded.
    ///
    /// Computes the definition's `sha256` on each call; evaluating many subjects under a
    /// registered version, `RegisteredProtocol.evaluate(_:)` reuses the digest.
    public func evaluate(_ facts: SubjectFacts) -> EligibilityEvaluation {
        evaluate(facts, protocolSHA256: sha256)
    }

    /// `evaluate(_:)` with the definition's digest supplied by a caller that holds it;
    /// `protocolSHA256` must be this definition's `sha256`.
    func evaluate(_ facts: SubjectFacts, protocolSHA256: SHA256Digest) -> EligibilityEvaluation {
        let context = EvaluationContext(definition: self, facts: facts)
        let evaluated = criteria.map { $0.evaluate(in: context) }
        let failing = evaluated.flatMap(\.failing)
        let missing = evaluated.flatMap(\.missing)
        let overall: OverallEligibility =
            if !failing.isEmpty { .ineligible(failing: failing) } else if !missing.isEmpty {
                .incomplete(missing: missing)
            } else { .eligible }
        return EligibilityEvaluation(
            protocolID: protocolID, protocolVersion: version, protocolSHA256: protocolSHA256.hex,
            screeningDate: facts.screeningDate, criteria: evaluated.map(\.result), overall: overall)
    }
}

/// A criterion's result plus the ids the overall answer cites.
struct EvaluatedCriterion {
    var result: CriterionResult
    /// Criteria ids that make the subject ineligible (this one, or the sub-items that decide it).
    var failing: [String]
    /// Criteria ids whose missing inputs leave this criterion undecided.
    var missing: [String]
}

extension Criterion {
    func evaluate(in context: EvaluationContext) -> EvaluatedCriterion {
        let applicability = when?.evaluate(in: context)
        if applicability?.value == false {
            return notApplicable(evidence: applicability?.evidence ?? [])
        }
        var outcome: CriterionOutcome
        var evidence = applicability?.evidence ?? []
        var missingInputs: [String] = []
        var evaluatedChildren: [EvaluatedCriterion] = []
        if let rule {
            let ruleResult = rule.evaluate(in: context)
            evidence += ruleResult.evidence
            missingInputs = ruleResult.missingInputs
            outcome = ruleResult.value.map { $0 ? .met : .notMet } ?? .missing
        } else {
            evaluatedChildren = (children ?? []).map { $0.evaluate(in: context) }
            outcome = combineChildren(evaluatedChildren.map(\.result.outcome))
            if outcome == .missing {
                missingInputs = evaluatedChildren.flatMap(\.result.missingInputs)
            }
        }
        // Applicability unknown: the outcome stands only if it passes either way.
        let applicabilityMissing = applicability != nil && applicability?.value == nil
        if applicabilityMissing && !passes(outcome) {
            missingInputs += applicability?.missingInputs ?? []
            outcome = .missing
        }
        let result = CriterionResult(
            id: id, kind: kind, text: text, outcome: outcome, evidence: Evidence.unique(evidence),
            missingInputs: outcome == .missing ? Array(Set(missingInputs)).sorted() : [],
            children: evaluatedChildren.map(\.result))
        return EvaluatedCriterion(
            result: result, failing: failingIDs(outcome, evaluatedChildren),
            missing: missingIDs(outcome, evaluatedChildren, ownMissing: applicabilityMissing || rule != nil))
    }

    /// The result when `when` is false: this criterion and its sub-items are not applicable.
    private func notApplicable(evidence: [Evidence]) -> EvaluatedCriterion {
        let children = (children ?? []).map { $0.notApplicable(evidence: []) }
        let result = CriterionResult(
            id: id, kind: kind, text: text, outcome: .notApplicable, evidence: Evidence.unique(evidence),
            missingInputs: [], children: children.map(\.result))
        return EvaluatedCriterion(result: result, failing: [], missing: [])
    }

    /// Whether an outcome lets the subject through: inclusion met, exclusion not met, or not applicable.
    func passes(_ outcome: CriterionOutcome) -> Bool {
        switch outcome {
        case .notApplicable: true
        case .met: kind == .inclusion
        case .notMet: kind == .exclusion
        case .missing: false
        }
    }

    /// Sub-items combine as their conditions do: `all` is met when every applicable sub-item is met,
    /// `any` when one is; not-applicable sub-items are skipped, and all of them skipped is not applicable.
    private func combineChildren(_ outcomes: [CriterionOutcome]) -> CriterionOutcome {
        let applicable = outcomes.filter { $0 != .notApplicable }
        guard !applicable.isEmpty else { return .notApplicable }
        let values: [RuleResult] = applicable.map {
            RuleResult(value: $0 == .missing ? nil : $0 == .met)
        }
        let combined = Rule.combine(values, decisive: combine == .any)
        return combined.value.map { $0 ? .met : .notMet } ?? .missing
    }

    /// A failing criterion is cited by the sub-items that decide it when one of them suffices
    /// (an inclusion whose sub-items are all required, an exclusion any of whose sub-items excludes);
    /// otherwise by its own id (no r/r alternative met: `I6`).
    private func failingIDs(_ outcome: CriterionOutcome, _ children: [EvaluatedCriterion]) -> [String] {
        let fails = (kind == .inclusion && outcome == .notMet) || (kind == .exclusion && outcome == .met)
        guard fails else { return [] }
        let decomposes = (kind == .inclusion && combine == .all) || (kind == .exclusion && combine == .any)
        let fromChildren = decomposes ? children.flatMap(\.failing) : []
        return fromChildren.isEmpty ? [id] : fromChildren
    }

    /// A missing criterion is cited by the sub-items whose inputs are missing, and by its own id
    /// when its own rule or applicability condition lacks inputs.
    private func missingIDs(_ outcome: CriterionOutcome, _ children: [EvaluatedCriterion], ownMissing: Bool) -> [String]
    {
        guard outcome == .missing else { return [] }
        let fromChildren = children.flatMap(\.missing)
        return ownMissing || fromChildren.isEmpty ? [id] + fromChildren : fromChildren
    }
}

extension Evidence {
    /// Each fact once, first occurrence first.
    static func unique(_ evidence: [Evidence]) -> [Evidence] {
        var seen: Set<Evidence> = []
        return evidence.filter { seen.insert($0).inserted }
    }
}
