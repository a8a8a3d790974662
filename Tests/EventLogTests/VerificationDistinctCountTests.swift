@testable import EventLog
import Testing

/// The summary's subject count: exact up to its limit, then a bounded-memory estimate.
@Suite("Verification: distinct subject count")
struct VerificationDistinctCountTests {
    static func count(_ values: some Sequence<String>) -> (count: Int, isExact: Bool) {
        var counter = DistinctCount()
        for value in values {
            let bytes = Array(value.utf8)
            bytes.withUnsafeBufferPointer { counter.insert(bytes: $0, string: value) }
        }
        return counter.value
    }

    @Test("exact for repeated and distinct values up to the limit")
    func exact() {
        #expect(Self.count([String]()) == (0, true))
        #expect(Self.count(["SCR-1", "SCR-2", "SCR-1", "SCR-2", "SCR-3"]) == (3, true))
        let atLimit = Self.count((0..<DistinctCount.exactLimit).map { "SCR-\($0)" })
        #expect(atLimit == (DistinctCount.exactLimit, true))
    }

    @Test("beyond the limit, an estimate within 3% that says it is one")
    func estimated() {
        for distinct in [DistinctCount.exactLimit + 1, 400_000] {
            let (count, isExact) = Self.count((0..<distinct).map { "S-\($0)" })
            #expect(!isExact)
            #expect(abs(Double(count - distinct)) / Double(distinct) < 0.03, "\(count) for \(distinct)")
        }
    }
}
