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
        #expect(index.count == 5)
    }

    @Test("two parts built apart and looked up together equal the whole, wherever the log is split")
    func partsAtEverySplit() {
        let whole = index(0..<Self.log.count)
        let keys = Set(Self.log.map { "\($0.user) \($0.key)" })
        for split in 0...Self.log.count {
            var later = index(split..<Self.log.count)
            later.prepend(index(0..<split))
            #expect(later.count == whole.count, "split at \(split)")
            for pair in keys {
                let (user, key) = (String(pair.split(separator: " ")[0]), String(pair.split(separator: " ")[1]))
                #expect(later.record(userID: user, key: key) == whole.record(userID: user, key: key), "split at \(split), \(pair)")
            }
            // Entries appended after open extend a run that began in the earlier part.
            var live = later
            var reference = whole
            live.evolve(key: "a", fingerprint: Self.fingerprint, command: "assessment", userID: "u9", seq: 10)
            live.evolve(key: "a", fingerprint: Self.fingerprint, command: "assessment", userID: "u9", seq: 11)
            reference.evolve(key: "a", fingerprint: Self.fingerprint, command: "assessment", userID: "u9", seq: 10)
            reference.evolve(key: "a", fingerprint: Self.fingerprint, command: "assessment", userID: "u9", seq: 11)
            #expect(live.record(userID: "u9", key: "a") == reference.record(userID: "u9", key: "a"))
            #expect(live.record(userID: "u9", key: "a")?.seqs == 10...11)
        }
    }

    @Test("malformed request members are ignored")
    func malformed() {
        var index = IdempotencyIndex()
        index.evolve(key: nil, fingerprint: Self.fingerprint, command: "assessment", userID: "u", seq: 1)
        index.evolve(key: "k", fingerprint: "not hex", command: "assessment", userID: "u", seq: 2)
        index.evolve(key: "k", fingerprint: Self.fingerprint, command: "no-such-command", userID: "u", seq: 3)
        #expect(index.count == 0)
    }
}
