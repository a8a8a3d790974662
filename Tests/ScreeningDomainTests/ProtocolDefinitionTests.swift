import EventLog
import Foundation
import LogCrypto
import ScreeningDomain
import Testing

@Suite("Protocol definitions as data")
struct ProtocolDefinitionTests {
    static let registryIDs =
        [
            "I1", "I2", "I3", "I4", "I5", "I6", "I6a", "I6b", "I6c", "I6d", "I7", "I8", "I9", "I9a", "I9b", "I9c",
            "I9d", "I10", "I10a", "I10b",
        ]
        + (1...13).map { "E\($0)" }

    static func allIDs(_ criteria: [Criterion]) -> [String] {
        criteria.flatMap { [$0.id] + allIDs($0.children ?? []) }
    }

    @Test("Bundled files are listed and decode", arguments: ["NCT05827835-v1.0", "NCT05827835-v1.1"])
    func bundledDecodes(_ name: String) throws {
        #expect(ProtocolDefinition.bundledNames().contains(name))
        let definition = try ProtocolDefinition.bundled(named: name)
        #expect(definition.protocolID == "NCT05827835")
        #expect(Self.allIDs(definition.criteria) == Self.registryIDs)
    }

    @Test(
        "The bundled definition's SHA-256 is SHA-256 of the file's canonical JSON",
        arguments: ["NCT05827835-v1.0", "NCT05827835-v1.1"])
    func digestOfFile(_ name: String) throws {
        let bytes = try ProtocolDefinition.bundledJSON(named: name)
        let fileJSON = try JSONValue.parse(bytes)
        let definition = try ProtocolDefinition.decode(bytes)
        #expect(definition.jsonValue == fileJSON)
        #expect(definition.sha256 == SHA256.hash(fileJSON.canonicalBytes()))
    }

    @Test(
        "decode(from: jsonValue) == self, and re-encodes to the same JSON",
        arguments: ["NCT05827835-v1.0", "NCT05827835-v1.1"])
    func roundTrip(_ name: String) throws {
        let definition = try ProtocolDefinition.bundled(named: name)
        let decoded = try ProtocolDefinition.decode(from: definition.jsonValue)
        #expect(decoded == definition)
        #expect(decoded.jsonValue.canonicalBytes() == definition.jsonValue.canonicalBytes())
        // Through the canonical bytes, as the protocol.registered event carries them.
        #expect(try ProtocolDefinition.decode(definition.jsonValue.canonicalBytes()) == definition)
    }

    @Test("Codable goes through the same JSON")
    func codable() throws {
        let definition = try ProtocolDefinition.bundledCD7CART()
        let data = try JSONEncoder().encode(definition)
        #expect(try JSONDecoder().decode(ProtocolDefinition.self, from: data) == definition)
        let rule = try #require(definition.criteria.first { $0.id == "E12" }?.rule)
        #expect(try JSONDecoder().decode(Rule.self, from: JSONEncoder().encode(rule)) == rule)
    }

    @Test("Every criterion has verbatim text, and leaves have a rule")
    func criteriaShape() throws {
        let definition = try ProtocolDefinition.bundledCD7CART()
        func leaves(_ criteria: [Criterion]) -> [Criterion] {
            criteria.flatMap { $0.children.map(leaves) ?? [$0] }
        }
        for leaf in leaves(definition.criteria) {
            #expect(leaf.rule != nil, "\(leaf.id)")
            #expect(!leaf.text.isEmpty)
        }
        #expect(
            definition.criteria.first { $0.id == "I4" }?.text
                == "Eastern Cooperative Oncology Group (ECOG) performance status ≤2")
    }

    @Test("Age limits keep their sources visible")
    func ageSources() throws {
        let definition = try ProtocolDefinition.bundledCD7CART()
        guard case .all(let rules)? = definition.criteria.first(where: { $0.id == "I2" })?.rule else {
            Issue.record("I2 is an all() rule")
            return
        }
        #expect(rules.contains(.age(op: .greaterThanOrEqual, years: 18, source: "criteria text")))
        #expect(rules.contains(.age(op: .lessThanOrEqual, years: 75, source: "registry summary: 18-75 years")))
    }

    @Test("Judgement criteria are investigator attestations")
    func attestations() throws {
        let definition = try ProtocolDefinition.bundledCD7CART()
        for id in ["survival_over_12_weeks", "investigator_risk_concern", "tki_intolerant", "cns_disease_history"] {
            let input = try #require(definition.input(id))
            #expect(input.kind == .yesNo)
            #expect(input.attestedBy == "investigator")
        }
        #expect(definition.input("spo2_without_oxygen")?.isAttestation == false)
    }

    @Test("The amendment is a later version with a note, changing the clearance limit and the upper age source")
    func amendment() throws {
        let original = try ProtocolDefinition.bundledCD7CART()
        let amendment = try ProtocolDefinition.bundledCD7CARTAmendment()
        #expect(amendment.version == "1.1")
        #expect(amendment.supersedes == original.version)
        #expect(amendment.amendmentNote?.isEmpty == false)
        #expect(amendment.sha256 != original.sha256)
        var facts = Fixture.eligibleMan()
        facts.record("creatinine_clearance", number: "35", unit: "mL/min", method: "measured-24h-urine")
        #expect(facts.outcome(of: "I9c", under: original) == .met)
        #expect(facts.outcome(of: "I9c", under: amendment) == .notMet)
        facts.record("creatinine_clearance", number: "40", unit: "mL/min", method: "measured-24h-urine")
        #expect(facts.outcome(of: "I9c", under: amendment) == .met)
        let evaluation = amendment.evaluate(facts)
        #expect(evaluation.protocolVersion == "1.1")
        #expect(evaluation.protocolSHA256 == amendment.sha256.hex)
    }

    struct Broken: CustomTestStringConvertible, Sendable {
        let name: String
        let code: String
        let field: String?
        let edit: @Sendable ([String: JSONValue]) -> [String: JSONValue]
        var testDescription: String { name }
    }

    static func editCriterion(_ index: Int, _ body: @escaping @Sendable ([String: JSONValue]) -> [String: JSONValue])
        -> @Sendable ([String: JSONValue]) -> [String: JSONValue]
    {
        { root in
            var root = root
            var criteria = root["criteria"]?.arrayValue ?? []
            criteria[index] = .object(body(criteria[index].objectValue ?? [:]))
            root["criteria"] = .array(criteria)
            return root
        }
    }

    static let brokenDefinitions: [Broken] = [
        Broken(name: "unknown top-level member", code: "definition.unknown_field", field: "extra") { root in
            var root = root
            root["extra"] = true
            return root
        },
        Broken(name: "missing version", code: "definition.missing_field", field: "version") { root in
            var root = root
            root["version"] = nil
            return root
        },
        Broken(
            name: "rule refers to an unknown input", code: "definition.unknown_input",
            field: "criteria[3].rule.compare.input",
            edit: editCriterion(3) { criterion in
                var criterion = criterion
                criterion["rule"] = ["compare": ["input": "no_such_input", "op": "<=", "value": "2"]]
                return criterion
            }),
        Broken(
            name: "ULN rule on a number input", code: "definition.input_kind",
            field: "criteria[3].rule.ulnMultiple.input",
            edit: editCriterion(3) { criterion in
                var criterion = criterion
                criterion["rule"] = ["ulnMultiple": ["input": "ecog", "op": "<=", "multiple": "2"]]
                return criterion
            }),
        Broken(
            name: "non-canonical decimal", code: "definition.invalid_decimal", field: "criteria[3].rule.compare.value",
            edit: editCriterion(3) { criterion in
                var criterion = criterion
                criterion["rule"] = ["compare": ["input": "ecog", "op": "<=", "value": "2.0"]]
                return criterion
            }),
        Broken(
            name: "duplicate criterion id", code: "definition.duplicate_id", field: "criteria[3].id",
            edit: editCriterion(3) { criterion in
                var criterion = criterion
                criterion["id"] = "I1"
                return criterion
            }),
        Broken(
            name: "unknown rule name", code: "definition.invalid_rule", field: "criteria[3].rule",
            edit: editCriterion(3) { criterion in
                var criterion = criterion
                criterion["rule"] = ["between": ["input": "ecog"]]
                return criterion
            }),
        Broken(
            name: "both rule and sub-items", code: "definition.invalid_criterion", field: "criteria[5]",
            edit: editCriterion(5) { criterion in
                var criterion = criterion
                criterion["rule"] = ["consentOnFile": [:]]
                return criterion
            }),
    ]

    @Test("Malformed definitions are rejected with a code and the JSON path", arguments: brokenDefinitions)
    func rejectsBroken(_ broken: Broken) throws {
        let root = try #require(ProtocolDefinition.bundledCD7CART().jsonValue.objectValue)
        #expect(throws: DomainError.self) { try ProtocolDefinition.decode(from: .object(broken.edit(root))) }
        do {
            _ = try ProtocolDefinition.decode(from: .object(broken.edit(root)))
        } catch {
            #expect(error.code == broken.code)
            #expect(error.field == broken.field)
        }
    }

    @Test("Invalid JSON and unknown bundled names are errors, not crashes")
    func invalidInput() {
        #expect(
            throws: DomainError(
                code: "definition.not_bundled", field: nil, reason: "No bundled protocol definition has this name.")
        ) {
            try ProtocolDefinition.bundled(named: "NCT00000000-v9")
        }
        do {
            _ = try ProtocolDefinition.decode(Array("{\"version\": 1.5}".utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "definition.invalid_json")
        }
    }
}
