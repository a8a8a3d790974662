extension Rule {
    /// Evaluates the rule for one subject under one protocol version.
    public func evaluate(_ facts: SubjectFacts, under definition: ProtocolDefinition) -> RuleResult {
        evaluate(in: EvaluationContext(definition: definition, facts: facts))
    }

    func evaluate(in context: EvaluationContext) -> RuleResult {
        switch self {
        case .compare(let input, let op, let constant):
            return number(input, in: context) { value, _ in op.holds(value, constant) }
        case .ulnMultiple(let input, let op, let multiple):
            return number(input, in: context) { value, observation in
                // Validation guarantees a positive ULN in the value's unit for lab inputs.
                guard let uln = observation.uln else { return nil }
                return op.holds(value, multiple * uln)
            }
        case .inSet(let input, let codes):
            return observed(input, in: context) { observation in
                guard case .code(let code) = observation.value else { return nil }
                return codes.contains(code)
            }
        case .yesNo(let input, let expected):
            return observed(input, in: context) { observation in
                guard case .yesNo(let answer) = observation.value else { return nil }
                return answer == expected
            }
        case .age(let op, let years, _):
            return age(op, years, in: context)
        case .sex(let sexes):
            guard let sex = context.facts.sex else { return .missing("sex") }
            let evidence = Evidence(input: "sex", value: .code(sex.rawValue), sourceSeq: context.facts.sexSourceSeq)
            return RuleResult(value: sexes.contains(sex), evidence: [evidence])
        case .consentOnFile:
            guard let consent = context.facts.consent else { return .missing("consent") }
            let evidence = Evidence(
                input: "consent", value: .code(consent.formVersion), observedOn: consent.dateSigned,
                method: "signed consent form version", sourceSeq: consent.sourceSeq)
            return RuleResult(value: consent.dateSigned <= context.facts.screeningDate, evidence: [evidence])
        case .within(let input, let amount, let unit, _):
            let screening = context.facts.screeningDate
            return observed(input, in: context) { observation in
                guard case .date(let date) = observation.value else { return nil }
                switch unit {
                case .days: return date.days(until: screening) < amount
                case .years: return screening < date.adding(years: amount)
                }
            }
        case .withinHalfLives(let input, let halfLifeInput, let count, _):
            return withinHalfLives(input, halfLifeInput, count, in: context)
        case .any(let rules):
            return Rule.combine(rules.map { $0.evaluate(in: context) }, decisive: true)
        case .all(let rules):
            return Rule.combine(rules.map { $0.evaluate(in: context) }, decisive: false)
        case .not(let rule):
            let inner = rule.evaluate(in: context)
            return RuleResult(
                value: inner.value.map { !$0 }, evidence: inner.evidence, missingInputs: inner.missingInputs)
        }
    }

    /// any (decisive true) / all (decisive false): the decisive value wins, then missing, then the other.
    static func combine(_ results: [RuleResult], decisive: Bool) -> RuleResult {
        let evidence = results.flatMap(\.evidence)
        if results.contains(where: { $0.value == decisive }) {
            return RuleResult(value: decisive, evidence: evidence)
        }
        let missing = results.filter { $0.value == nil }
        if !missing.isEmpty {
            return RuleResult(value: nil, evidence: evidence, missingInputs: missing.flatMap(\.missingInputs))
        }
        return RuleResult(value: !decisive, evidence: evidence)
    }

    private func observed(_ input: String, in context: EvaluationContext, _ test: (Observation) -> Bool?) -> RuleResult
    {
        guard let observation = context.observation(input), let value = test(observation) else {
            return .missing(input)
        }
        return RuleResult(value: value, evidence: [Evidence(observation)])
    }

    private func number(
        _ input: String, in context: EvaluationContext, _ test: (DecimalValue, Observation) -> Bool?
    ) -> RuleResult {
        observed(input, in: context) { observation in
            guard case .number(let value) = observation.value else { return nil }
            return test(value, observation)
        }
    }

    private func age(_ op: Comparison, _ years: Int, in context: EvaluationContext) -> RuleResult {
        guard let birth = context.facts.dateOfBirth, let age = context.ageOnScreeningDate else {
            return .missing("dateOfBirth")
        }
        let evidence = [
            Evidence(input: "dateOfBirth", value: .date(birth), sourceSeq: context.facts.dateOfBirthSourceSeq),
            Evidence(
                input: "age", value: .number(DecimalValue(age)), unit: "years",
                method: "whole years on the screening date", sourceSeq: nil),
        ]
        return RuleResult(value: op.holds(age, years), evidence: evidence)
    }

    private func withinHalfLives(_ input: String, _ halfLifeInput: String, _ count: Int, in context: EvaluationContext)
        -> RuleResult
    {
        let date = context.observation(input)
        let halfLife = context.observation(halfLifeInput)
        guard let date, case .date(let eventDate) = date.value,
            let halfLife, case .number(let halfLifeValue) = halfLife.value,
            let halfLifeDays = HalfLife.days(halfLifeValue, unit: halfLife.unit)
        else {
            return RuleResult(
                value: nil, evidence: [date, halfLife].compactMap { $0.map(Evidence.init) },
                missingInputs: (date == nil ? [input] : []) + (halfLife == nil ? [halfLifeInput] : []))
        }
        let elapsed = DecimalValue(eventDate.days(until: context.facts.screeningDate))
        return RuleResult(
            value: elapsed < DecimalValue(count) * halfLifeDays, evidence: [Evidence(date), Evidence(halfLife)])
    }
}
