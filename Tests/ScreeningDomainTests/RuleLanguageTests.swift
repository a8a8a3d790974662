import EventLog
import ScreeningDomain
import Testing

@Suite("Rule language: three-valued combinators and JSON forms")
struct RuleLanguageTests {
    /// A tiny definition built in code: one yes/no input per truth value.
    static let definition = ProtocolDefinition(
        protocolID: "TEST", version: "0", title: "rule language",
        inputs: [
            InputDefinition(id: "t", label: "true", kind: .yesNo),
            InputDefinition(id: "f", label: "false", kind: .yesNo),
            InputDefinition(id: "m", label: "missing", kind: .yesNo),
        ],
        criteria: [])

    static let facts = SubjectFacts(
        screeningDate: Fixture.screeningDate,
        observations: [
            "t": Observation(input: "t", value: .yesNo(true), sourceSeq: 1),
            "f": Observation(input: "f", value: .yesNo(true), sourceSeq: 2),
        ])

    static let T = Rule.yesNo(input: "t", expected: true)
    static let F = Rule.yesNo(input: "f", expected: false)
    static let M = Rule.yesNo(input: "m", expected: true)

    static let truthTable: [(Rule, Bool?)] = [
        (T, true), (F, false), (M, nil),
        (.any([T, F]), true), (.any([F, M]), nil), (.any([M, T]), true), (.any([F, F]), false),
        (.all([T, T]), true), (.all([T, M]), nil), (.all([M, F]), false), (.all([T, F]), false),
        (.not(T), false), (.not(F), true), (.not(M), nil),
        (.not(.all([T, M])), nil), (.any([.not(F), M]), true),
    ]

    @Test(
        "any: true if any true, else missing if any missing, else false; all: dual; not keeps missing",
        arguments: truthTable.indices)
    func truth(_ index: Int) {
        let (rule, expected) = Self.truthTable[index]
        let result = rule.evaluate(Self.facts, under: Self.definition)
        #expect(result.value == expected, "\(rule)")
        #expect(result.missingInputs == (expected == nil ? ["m"] : []))
    }

    @Test("Evidence is collected from every evaluated child")
    func evidence() {
        let result = Rule.any([Self.T, Self.F]).evaluate(Self.facts, under: Self.definition)
        #expect(result.evidence.map(\.sourceSeq) == [1, 2])
    }

    static let forms: [(String, Rule)] = [
        (
            #"{"compare":{"input":"ecog","op":"<=","value":"2"}}"#,
            .compare(input: "ecog", op: .lessThanOrEqual, value: Fixture.decimal("2"))
        ),
        (
            #"{"ulnMultiple":{"input":"ast","op":"<=","multiple":"2.5"}}"#,
            .ulnMultiple(input: "ast", op: .lessThanOrEqual, multiple: Fixture.decimal("2.5"))
        ),
        (#"{"inSet":{"input":"ph_status","codes":["negative"]}}"#, .inSet(input: "ph_status", codes: ["negative"])),
        (#"{"yesNo":{"input":"asct_planned","expected":true}}"#, .yesNo(input: "asct_planned", expected: true)),
        (
            #"{"age":{"op":">=","years":18,"source":"criteria text"}}"#,
            .age(op: .greaterThanOrEqual, years: 18, source: "criteria text")
        ),
        (#"{"age":{"op":"<","years":76}}"#, .age(op: .lessThan, years: 76, source: nil)),
        (#"{"sex":{"in":["female"]}}"#, .sex([.female])),
        (#"{"consentOnFile":{}}"#, .consentOnFile),
        (
            #"{"within":{"input":"asct_date","amount":56,"unit":"days"}}"#,
            .within(input: "asct_date", amount: 56, unit: .days, note: nil)
        ),
        (
            #"{"withinHalfLives":{"input":"d","halfLifeInput":"h","count":5,"note":"n"}}"#,
            .withinHalfLives(input: "d", halfLifeInput: "h", count: 5, note: "n")
        ),
        (
            #"{"not":{"any":[{"consentOnFile":{}},{"all":[{"sex":{"in":["male"]}}]}]}}"#,
            .not(.any([.consentOnFile, .all([.sex([.male])])]))
        ),
    ]

    @Test("Each rule form parses from its JSON and writes the same canonical JSON back", arguments: forms.indices)
    func jsonForms(_ index: Int) throws {
        let (text, rule) = Self.forms[index]
        let json = try JSONValue.parse(Array(text.utf8))
        #expect(try Rule(json: json) == rule)
        #expect(rule.jsonValue == json)
        #expect(rule.jsonValue.canonicalString == json.canonicalString)
    }

    static let malformed = [
        #"{"compare":{"input":"ecog","op":"<=","value":2}}"#,
        #"{"compare":{"input":"ecog","op":"=<","value":"2"}}"#,
        #"{"any":[]}"#,
        #"{"sex":{"in":["other"]}}"#,
        #"{"within":{"input":"d","amount":2,"unit":"weeks"}}"#,
        #"{"yesNo":{"input":"x","expected":true},"not":{"consentOnFile":{}}}"#,
        #"{"consentOnFile":{"strict":true}}"#,
    ]

    @Test("Malformed rules are rejected", arguments: malformed)
    func rejectsMalformed(_ text: String) throws {
        let json = try JSONValue.parse(Array(text.utf8))
        #expect(throws: DomainError.self) { try Rule(json: json) }
    }

    @Test("A lab ULN multiple compares value <= multiple x ULN exactly, with no binary rounding")
    func exactMultiple() {
        let definition = ProtocolDefinition(
            protocolID: "TEST", version: "0", title: "uln",
            inputs: [InputDefinition(id: "x", label: "x", kind: .lab, units: ["U/L"])], criteria: [])
        func check(_ value: String, uln: String, _ multiple: String) -> Bool? {
            let facts = SubjectFacts(
                screeningDate: Fixture.screeningDate,
                observations: [
                    "x": Observation(
                        input: "x", value: .number(Fixture.decimal(value)), unit: "U/L",
                        uln: Fixture.decimal(uln), sourceSeq: 1)
                ])
            return Rule.ulnMultiple(input: "x", op: .lessThanOrEqual, multiple: Fixture.decimal(multiple))
                .evaluate(facts, under: definition).value
        }
        // 0.1 x 3 is not 0.3 in binary floating point; here it is exact.
        #expect(check("0.3", uln: "0.1", "3") == true)
        #expect(check("0.30000000000000001", uln: "0.1", "3") == false)
        #expect(check("57.75", uln: "23.1", "2.5") == true)
        #expect(check("57.7501", uln: "23.1", "2.5") == false)
    }
}
