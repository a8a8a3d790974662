import EventLog
import ScreeningDomain
import Testing

/// The fold reads stored decimals with its own fast parser: it must agree with `DecimalValue(_:)`
/// (the rules' parser) on value, description and refusals.
@Suite struct FastDecimalParsingTests {
    @Test(arguments: [
        "0", "7", "41.5", "41.50", "-3", "-3.250", "0.25", "0.0", "-0", "-0.0", "100", "2.5", "1234567890123456789",
        "12345678901234567890", "123456789012345678.9", "0.000000000000000001", "99999999999999999999999999.9999",
        "1234567890123456789012345678901", "", "-", "+1", ".5", "1.", "007", "00", "-01", "1e5", "1,5", "1.2.3", " 1",
        "1 ",
        "٣", "1-", "--1", "0x10",
    ])
    func agreesWithTheRulesParser(text: String) {
        let fast = Self.decodedByTheFold(text)
        let reference = DecimalValue(text)
        #expect(fast == reference)
        #expect(fast?.description == reference?.description)
    }

    @Test func agreesOnGeneratedNumbers() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<5_000 {
            let integer = String(random.next(below: 1_000_000_000))
            let fraction = random.chance(60) ? "." + String(random.next(below: 100_000)) : ""
            let text = (random.chance(20) ? "-" : "") + integer + fraction
            #expect(Self.decodedByTheFold(text) == DecimalValue(text), "\(text)")
            #expect(Self.decodedByTheFold(text)?.description == DecimalValue(text)?.description, "\(text)")
        }
    }

    /// The value and ULN of a stored lab assessment as the fold decodes them (nil when refused).
    static func decodedByTheFold(_ text: String) -> DecimalValue? {
        var data = AssessmentRecorded(finding: Finding.ast("1")).data
        data["value"] = ["number": .string(text)]
        data["uln"] = .string(text)
        guard let finding = try? AssessmentRecorded(data: data).finding, case .number(let value) = finding.value else {
            return nil
        }
        #expect(finding.uln == value)
        return value
    }
}
