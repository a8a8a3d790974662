/// A machine rule of the protocol definition language, evaluated to true, false or missing.
///
/// Written in JSON as a one-member object naming the rule (see docs/protocol-definitions.md):
/// `{"ulnMultiple": {"input": "ast", "op": "<=", "multiple": "2.5"}}`.
public indirect enum Rule: Sendable, Hashable {
    /// A number input compared with a constant in the input's unit: `value op constant`.
    case compare(input: String, op: Comparison, value: DecimalValue)
    /// A lab input compared with a multiple of the lab's own ULN: `value op multiple x ULN`, exactly.
    case ulnMultiple(input: String, op: Comparison, multiple: DecimalValue)
    /// A code input whose value is one of `codes`.
    case inSet(input: String, codes: [String])
    /// A yes/no input (observation or attestation) answered `expected`.
    case yesNo(input: String, expected: Bool)
    /// The subject's age in whole years on the screening date compared with `years`;
    /// `source` says where the limit comes from (for example "criteria text").
    case age(op: Comparison, years: Int, source: String?)
    /// The subject's recorded sex is one of `sexes`.
    case sex([Sex])
    /// A current (not withdrawn) signed consent is on file, dated on or before the screening date.
    case consentOnFile
    /// A date input lies within `amount` `unit` before the screening date (fewer than `amount`
    /// whole units elapsed; dates on or after the screening date count as within).
    /// `note` documents the convention for this rule in the definition file.
    case within(input: String, amount: Int, unit: WindowUnit, note: String?)
    /// A date input lies within `count` half-lives before the screening date: fewer than
    /// `count x half-life` days elapsed, the half-life read from the number input `halfLifeInput`
    /// (unit `h` or `d`).
    case withinHalfLives(input: String, halfLifeInput: String, count: Int, note: String?)
    /// True if any child is true; else missing if any is missing; else false.
    case any([Rule])
    /// False if any child is false; else missing if any is missing; else true.
    case all([Rule])
    /// Swaps true and false; missing stays missing.
    case not(Rule)
}
