import EventLog
import LogCrypto
import ScreeningDomain
import Testing

/// A registered version holds its definition's digest, computed once, and evaluates exactly as
/// the definition does.
@Suite("Registered protocol versions")
struct RegisteredProtocolTests {
    static let registered = RegisteredProtocol(
        definition: Fixture.definition, seq: 0, at: Timestamp(microsecondsSinceEpoch: 0))

    @Test("the digest is the definition's SHA-256 of its canonical JSON")
    func digest() {
        // The digest the protocol.registered event states for the same definition.
        let stated = ProtocolRegistered(definition: Fixture.definition).data["sha256"]
        #expect(Self.registered.sha256 == SHA256.hash(Fixture.definition.jsonValue.canonicalBytes()))
        #expect(stated == .string(Self.registered.sha256.hex))
    }

    @Test("evaluating through the registered version equals evaluating the definition")
    func sameEvaluation() {
        var ineligible = Fixture.eligibleMan()
        ineligible.record("ast", number: "120", unit: "U/L", uln: "40")
        var incomplete = Fixture.eligibleWoman()
        incomplete.observations["ecog"] = nil
        for facts in [Fixture.eligibleMan(), Fixture.eligibleWoman(), ineligible, incomplete] {
            let cached = Self.registered.evaluate(facts)
            let direct = Fixture.definition.evaluate(facts)
            #expect(cached == direct)
            #expect(cached.sha256 == direct.sha256)
            #expect(cached.protocolSHA256 == Fixture.definition.sha256.hex)
        }
    }

    @Test("replacing the definition replaces the digest, so it is never stale")
    func replacedDefinition() throws {
        var registered = Self.registered
        let amendment = try ProtocolDefinition.bundledCD7CARTAmendment()
        registered.definition = amendment
        #expect(registered.sha256 == amendment.sha256)
        #expect(registered.sha256 != Self.registered.sha256)
        let facts = Fixture.eligibleMan()
        #expect(registered.evaluate(facts) == amendment.evaluate(facts))
        #expect(registered.evaluate(facts).protocolSHA256 == amendment.sha256.hex)
    }

    @Test("the folded state keeps each registered version's digest")
    func foldedState() throws {
        var log = TestLog()
        try log.registerProtocol(TestProtocol.v1)
        try log.eligibleWorkup("S-001")
        try log.registerProtocol(TestProtocol.v2)
        let state = try ScreeningState.fold(log.entries)
        #expect(state.protocols.map(\.sha256) == [TestProtocol.v1.sha256, TestProtocol.v2.sha256])
        let record = try #require(state.subjects["S-001"])
        #expect(state.evaluation(of: record) == TestProtocol.v2.evaluate(record.facts))
    }
}
