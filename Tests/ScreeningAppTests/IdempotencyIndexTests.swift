import EventLog
import Testing

@testable import ScreeningApp

@Suite("The idempotency index")
struct IdempotencyIndexTests {
    private static let fingerprint = String(repeating: "ab", count: 32)

    /// (user, key) per seq: runs, a run crossing any split, and a key reused out of run.
    private static let log: [(user: String, key: String)] = [
        ("u1", "a"), ("u1", "a"), ("u2", "a"), ("u1", "b"), ("u1", "b"), ("u1", "b"),
        ("u2", "c"), ("u1", "a"), ("u2", "d"), ("u2", "d"),
    ]

    private func index(_ seqs: Range<Int>) -> IdempotencyIndex {
        var index = IdempotencyIndex()
        for seq in seqs {
            let (user, key) = Self.log[seq]
            index.evolve(key: key, fingerprint: Self.fingerprint, command: "assessment", userID: user, seq: Int64(seq))
        }
        return index
    }

    @Test("runs of entries become one record; a key seen again out of its run is ignored")
    func sequential() throws {
        let index = index(0..<Self.log.count)
        let a = try #require(index.record(userID: "u1", key: "a"))
        #expect(a.seqs == 0...1)
        #expect(a.kind == .assessment)
        #expect(try #require(index.record(userID: "u2", key: "a")).seqs == 2...2)
        #expect(try #require(index.record(userID: "u1", key: "b")).seqs == 3...5)
        #expect(try #require(index.record(userID: "u2", key: "d")).seqs == 8...9)
        #expect(index.record(userID: "u3", key: "a") == nil)
        #expect(index.records.count == 5)
    }

    @Test("two halves built apart and merged equal the whole, wherever the log is split")
    func mergeAtEverySplit() {
        let whole = index(0..<Self.log.count)
        for split in 0...Self.log.count {
            var later = index(split..<Self.log.count)
            later.merge(earlier: index(0..<split))
            #expect(later == whole, "split at \(split)")
        }
    }

    @Test("malformed request members are ignored")
    func malformed() {
        var index = IdempotencyIndex()
        index.evolve(key: nil, fingerprint: Self.fingerprint, command: "assessment", userID: "u", seq: 1)
        index.evolve(key: "k", fingerprint: "not hex", command: "assessment", userID: "u", seq: 2)
        index.evolve(key: "k", fingerprint: Self.fingerprint, command: "no-such-command", userID: "u", seq: 3)
        #expect(index.records.isEmpty)
    }
}
