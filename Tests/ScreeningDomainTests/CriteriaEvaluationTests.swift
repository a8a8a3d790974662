import EventLog
import LogCrypto
import ScreeningDomain
import Testing

@Suite("Eligibility evaluation through the bundled NCT05827835 definition")
struct CriteriaEvaluationTests {
    @Test("A fully eligible synthetic man evaluates eligible, every criterion passing")
    func eligibleMan() {
        let evaluation = Fixture.definition.evaluate(Fixture.eligibleMan())
        #expect(evaluation.overall == .eligible)
        #expect(evaluation.criteria.map(\.id) == (1...10).map { "I\($0)" } + (1...13).map { "E\($0)" })
        #expect(evaluation.result("E2")?.outcome == .notApplicable)
        #expect(evaluation.result("I10b")?.outcome == .notApplicable)
        #expect(evaluation.result("I10a")?.outcome == .met)
    }

    @Test("A fully eligible synthetic woman of reproductive age evaluates eligible")
    func eligibleWoman() {
        let evaluation = Fixture.definition.evaluate(Fixture.eligibleWoman())
        #expect(evaluation.overall == .eligible)
        #expect(evaluation.result("I10b")?.outcome == .met)
        #expect(evaluation.result("E2")?.outcome == .notMet)
    }

    @Test("A missing lab gives incomplete, naming the criterion and the input")
    func missingLab() {
        var facts = Fixture.eligibleMan()
        facts.observations["total_bilirubin"] = nil
        let evaluation = Fixture.definition.evaluate(facts)
        #expect(evaluation.overall == .incomplete(missing: ["I9b"]))
        #expect(evaluation.result("I9b")?.missingInputs == ["total_bilirubin"])
        #expect(evaluation.result("I9")?.outcome == .missing)
        #expect(evaluation.result("I9")?.missingInputs == ["total_bilirubin"])
    }

    @Test("Ineligible wins over missing, citing failing sub-items and met exclusions in protocol order")
    func ineligibleWinsOverMissing() {
        var facts = Fixture.eligibleMan()
        facts.observations["total_bilirubin"] = nil
        facts.record("ast", number: "101", unit: "U/L", uln: "40")
        facts.record("asct_planned", .yesNo(true))
        let evaluation = Fixture.definition.evaluate(facts)
        #expect(evaluation.overall == .ineligible(failing: ["I9a", "E11"]))
    }

    @Test("No r/r alternative met is cited as I6 itself")
    func anyParentCitedWhole() {
        var facts = Fixture.eligibleMan()
        facts.record("rr_no_cr_after_standard_chemotherapy", .yesNo(false))
        for id in ["rr_first_cr_at_most_12_months", "rr_no_response_to_salvage", "rr_multiple_relapses"] {
            facts.record(id, .yesNo(false))
        }
        #expect(Fixture.definition.evaluate(facts).overall == .ineligible(failing: ["I6"]))
    }

    @Test("Nothing recorded: incomplete, every criterion that needs an input is named")
    func nothingRecorded() {
        let facts = SubjectFacts(screeningDate: Fixture.screeningDate)
        guard case .incomplete(let missing) = Fixture.definition.evaluate(facts).overall else {
            Issue.record("expected incomplete")
            return
        }
        #expect(missing.first == "I1")
        #expect(missing.contains("I9a") && missing.contains("E13") && missing.contains("I6a"))
    }

    @Test("Evidence cites value, unit, ULN, date and source seq")
    func evidence() throws {
        let facts = Fixture.eligibleMan()
        let result = try #require(Fixture.definition.evaluate(facts).result("I9a"))
        let ast = try #require(facts.observations["ast"])
        #expect(result.evidence.map(\.input) == ["ast", "alt"])
        #expect(result.evidence.first == Evidence(ast))
        #expect(result.evidence.first?.uln == Fixture.decimal("40"))
        #expect(result.evidence.first?.sourceSeq == ast.sourceSeq)
        let age = try #require(Fixture.definition.evaluate(facts).result("I2"))
        #expect(age.evidence.map(\.input) == ["sex", "dateOfBirth", "age"])
        #expect(age.evidence.last?.value == .number(Fixture.decimal("44")))
    }

    @Test("Evaluation SHA-256 is stable across evaluations and changes when one evidence value changes")
    func evaluationDigest() throws {
        let facts = Fixture.eligibleMan()
        let first = Fixture.definition.evaluate(facts)
        let second = Fixture.definition.evaluate(facts)
        #expect(first.sha256 == second.sha256)
        #expect(first.jsonValue.canonicalBytes() == second.jsonValue.canonicalBytes())
        var changed = facts
        let original = try #require(changed.observations["ast"])
        changed.observations["ast"]?.value = .number(Fixture.decimal("30.1"))
        #expect(changed.observations["ast"]?.sourceSeq == original.sourceSeq)
        let third = Fixture.definition.evaluate(changed)
        #expect(third.overall == .eligible)
        #expect(third.sha256 != first.sha256)
        #expect(third.sha256 == SHA256.hash(third.jsonValue.canonicalBytes()))
    }

    @Test(
        "Evaluation JSON names the protocol, screening date, outcomes, evidence seqs and overall; decimals are strings")
    func evaluationJSON() throws {
        let facts = Fixture.eligibleMan()
        let evaluation = Fixture.definition.evaluate(facts)
        let json = evaluation.jsonValue
        #expect(json["protocol"]?["id"] == "NCT05827835")
        #expect(json["protocol"]?["version"] == "1.0")
        #expect(json["protocol"]?["sha256"] == .string(Fixture.definition.sha256.hex))
        #expect(json["screeningDate"] == "2025-03-10")
        #expect(json["overall"] == ["status": "eligible"])
        let criteria = try #require(json["criteria"]?.arrayValue)
        #expect(criteria.count == 23)
        let i9 = try #require(criteria.first { $0["id"] == "I9" })
        let i9a = try #require(i9["children"]?.arrayValue?.first)
        let astEvidence = try #require(i9a["evidence"]?.arrayValue?.first)
        #expect(i9a["outcome"] == "met")
        #expect(astEvidence["value"] == ["number": "30"])
        #expect(astEvidence["uln"] == "40")
        #expect(astEvidence["unit"] == "U/L")
        #expect(astEvidence["sourceSeq"] == .integer(try #require(facts.observations["ast"]?.sourceSeq)))
    }

    @Test("Observations this version rejects count as missing")
    func invalidObservationIsMissing() {
        var facts = Fixture.eligibleMan()
        facts.record("ast", number: "30", unit: "mg/dL", uln: "40")
        let evaluation = Fixture.definition.evaluate(facts)
        #expect(evaluation.result("I9a")?.outcome == .missing)
        #expect(evaluation.result("I9a")?.missingInputs == ["ast"])
    }
}
