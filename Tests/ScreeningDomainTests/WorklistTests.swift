import EventLog
import ScreeningDomain
import Testing

/// The worklist: subjects by status, each with what it is waiting for.
@Suite struct WorklistTests {
    @Test func worklistGroupsByStatusWithWhatEachWaitsFor() throws {
        var log = try TestLog.smallCohort()
        try log.register("S-009")
        let worklist = log.state.worklist()
        #expect(
            worklist.groups.map(\.status) == [.candidate, .screening, .eligible, .onStudy, .notRegistered, .withdrawn])
        #expect(worklist.items(.candidate).map(\.screeningNumber) == ["S-009"])
        #expect(worklist.items(.candidate).first?.waitingFor == [.consent])
        let screening = try #require(worklist.items(.screening).first)
        #expect(screening.screeningNumber == "S-005")
        #expect(
            screening.waitingFor == [
                .missingInputs(criterion: "I3", inputs: ["ecog"]), .missingInputs(criterion: "I4", inputs: ["spo2"]),
                .missingInputs(criterion: "I5", inputs: ["ast"]),
                .missingInputs(criterion: "I6", inputs: ["survival_12w"]),
                .missingInputs(criterion: "E1", inputs: ["active_infection"]),
                .missingInputs(criterion: "E2", inputs: ["anticancer_last_dose"]),
            ])
        #expect(worklist.items(.eligible).map(\.waitingFor) == [[.investigatorSignOff]])
        #expect(worklist.items(.onStudy).map(\.screeningNumber) == ["S-001"])
        #expect(worklist.items(.ineligible).isEmpty)
        #expect(worklist.items(.withdrawn).map(\.screeningNumber) == ["S-006", "S-007"])
        #expect(worklist.items(.withdrawn).allSatisfy { $0.waitingFor.isEmpty })
    }

    @Test func noProtocolYetIsWhatACandidateWaitsForToo() throws {
        var log = TestLog()
        try log.register("S-001")
        #expect(log.state.worklist().items(.candidate).first?.waitingFor == [.protocolRegistration, .consent])
    }
}
