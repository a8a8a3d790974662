import EventLog
import ScreeningDomain
import Testing

/// Observation dates: required for labs and numbers, and not stale for values that describe the
/// subject at screening; dates of past events are exempt.
@Suite struct ObservationDateTests {
    private func refusal(_ body: () throws -> Void) -> DomainError? {
        do {
            try body()
            return nil
        } catch {
            return error as? DomainError
        }
    }

    @Test func labsAndNumbersNeedTheirObservationDate() throws {
        var log = TestLog()
        try log.registerProtocol()
        try log.register("S-040")
        var lab = Finding.ast("30")
        lab.observedOn = nil
        let labError = try #require(refusal { _ = try log.record("S-040", lab) })
        #expect(labError.code == "observed_on.required" && labError.field == "observedOn")
        var ecog = Finding.ecog(1)
        ecog.observedOn = nil
        #expect(refusal { _ = try log.record("S-040", ecog) }?.code == "observed_on.required")
        // A past-event date is the value itself and needs no observation date.
        #expect(refusal { _ = try log.record("S-040", Finding.lastAnticancerDose(TestDates.adultBirth)) } == nil)
    }

    @Test(
        "An at-screening value may be observed up to 28 days before the screening date, not 29",
        arguments: [(0, true), (-28, true), (-29, false), (-13_108, false)])
    func stalenessBoundary(daysBefore: Int, accepted: Bool) throws {
        var log = TestLog()
        try log.registerProtocol()
        try log.register("S-041")
        let error = refusal {
            _ = try log.record("S-041", Finding.ecog(1, on: TestDates.screening.adding(days: daysBefore)))
        }
        if accepted {
            #expect(error == nil)
        } else {
            #expect(error?.code == "observed_on.stale")
            #expect(error?.field == "observedOn")
            #expect(error?.reason.contains("at most 28 days before the screening date") == true)
        }
    }

    @Test func aCorrectionCannotBackdateAnObservationBeyondTheLimit() throws {
        var log = TestLog()
        try log.registerProtocol()
        let seqs = try log.eligibleWorkup("S-042")
        let error = refusal {
            _ = try log.run(
                .correctAssessment(
                    CorrectAssessment(
                        subject: "S-042", supersedes: seqs["ecog"]!,
                        finding: Finding.ecog(1, on: LocalDate(iso: "1990-01-01")!), reason: "Date typo")),
                by: TestActors.coordinator)
        }
        #expect(error?.code == "observed_on.stale")
    }

    @Test func theBundledProtocolLimitsAtScreeningValuesOnly() throws {
        let definition = try ProtocolDefinition.bundledCD7CART()
        let amendment = try ProtocolDefinition.bundledCD7CARTAmendment()
        func limits(_ definition: ProtocolDefinition) -> [String: Int] {
            definition.inputs.reduce(into: [:]) { limits, input in limits[input.id] = input.maxDaysBeforeScreening }
        }
        #expect(
            limits(definition) == [
                "ast": 28, "alt": 28, "total_bilirubin": 28, "lipase": 28, "amylase": 28, "creatinine_clearance": 28,
                "ecog": 28, "spo2": 28, "serum_pregnancy_test": 7,
            ])
        #expect(limits(amendment) == limits(definition))
        #expect(definition.inputs.filter { $0.kind == .date }.allSatisfy { $0.maxDaysBeforeScreening == nil })
    }

    @Test func aDefinitionCannotLimitAPastEventDate() throws {
        var definition = try ProtocolDefinition.bundledCD7CART()
        let index = try #require(definition.inputs.firstIndex { $0.id == "asct_date" })
        definition.inputs[index].maxDaysBeforeScreening = 28
        let error = refusal { _ = try ProtocolDefinition.decode(from: definition.jsonValue) }
        #expect(error?.code == "definition.invalid_input")
        #expect(error?.field == "inputs[\(index)].maxDaysBeforeScreening")
    }
}
