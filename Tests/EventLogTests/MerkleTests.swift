import EventLog
import LogCrypto
import Testing

@Suite("RFC 6962 Merkle tree")
struct MerkleTests {
    /// Leaf i is the one-byte line [i]. Roots computed independently with Python's hashlib:
    ///
    ///     import hashlib
    ///     def h(b): return hashlib.sha256(b).digest()
    ///     def mth(d):
    ///         n = len(d)
    ///         if n == 0: return h(b"")
    ///         if n == 1: return h(b"\x00" + d[0])
    ///         k = 1
    ///         while k * 2 < n: k *= 2
    ///         return h(b"\x01" + mth(d[:k]) + mth(d[k:]))
    ///     for n in range(9): print(n, mth([bytes([i]) for i in range(n)]).hex())
    static let roots = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "a20bf9a7cc2dc8a08f5f415a71b19f6ac427bab54d24eec868b5d3103449953a",
        "3b6cccd7e3e023ff393006f030315ee7ad9eb111b022b41fba7e5b7a3973f688",
        "9bcd51240af4005168f033121ba85be5a6ed4f0e6a5fac262066729b8fbfdecb",
        "b855b42d6c30f5b087e05266783fbd6e394f7b926013ccaa67700a8b0c5a596f",
        "bb36e7d3d4cee5720cbd323d02fab15962e2ba1dadf5f8fc6eeef4fd6ad056a8",
        "3560191803028444b232018ac047fdb561c09c23a7a6876c85e08b5e4d48e9f3",
        "ef7f49b620f6c7ea9b963a214da34b5021c6ded8ed57734380a311ab726aa907",
    ]

    static func leaves(_ count: Int) -> [SHA256Digest] {
        (0..<count).map { Merkle.leafHash([UInt8(truncatingIfNeeded: $0)]) }
    }

    @Test("roots of trees of size 0...8 match the independently computed table")
    func rootTable() {
        for (size, expected) in Self.roots.enumerated() {
            #expect(Merkle.root(of: Self.leaves(size)).hex == expected, "size \(size)")
        }
    }

    // printf '\x00\x07' | openssl dgst -sha256
    @Test("leaf and node hashes use the 0x00 and 0x01 prefixes")
    func prefixes() {
        #expect(Merkle.leafHash([0x07]).hex == "2ecd8a6b7d2845546659ad4cf443533cf921b19dc81fa83934e83821b4dfdcb7")
        #expect(Merkle.leafHash([0x07]) == SHA256.hash([0x00, 0x07]))
        let a = Merkle.leafHash([1]), b = Merkle.leafHash([2])
        #expect(Merkle.nodeHash(a, b) == SHA256.hash([0x01] + a.bytes + b.bytes))
        #expect(Merkle.nodeHash(a, b) != Merkle.nodeHash(b, a))
        [UInt8]([9, 8]).withUnsafeBytes { raw in
            #expect(Merkle.leafHash(raw) == Merkle.leafHash([9, 8]))
        }
    }

    @Test("the accumulator's root equals Merkle.root(of:) for every size 0...70")
    func accumulatorMatchesRecursiveRoot() {
        let leaves = Self.leaves(70)
        var accumulator = MerkleAccumulator()
        #expect(accumulator.root == Merkle.root(of: []))
        for size in 1...70 {
            accumulator.append(leaves[size - 1])
            #expect(accumulator.size == Int64(size))
            #expect(accumulator.root == Merkle.root(of: Array(leaves[..<size])), "size \(size)")
        }
    }
}
