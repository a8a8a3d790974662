public import LogCrypto

/// The RFC 6962 root of a growing log in O(log n) memory: the roots of the perfect subtrees
/// ("compact range") that the leaves so far form, largest first.
///
/// Appending leaf hashes one by one and reading `root` gives the same value as
/// `Merkle.root(of:)` over all of them.
public struct MerkleAccumulator: Sendable, Hashable {
    /// Roots of perfect subtrees, one per set bit of `size`, from the largest (leftmost) subtree:
    /// with `size`, all a writer must remember to resume the tree without hashing the log again.
    public private(set) var peaks: [SHA256Digest] = []

    /// The number of leaves appended.
    public private(set) var size: Int64 = 0

    /// An empty tree.
    public init() {}

    /// A tree of `size` leaves with these subtree roots (as `peaks` gave them); nil unless there
    /// is one per set bit of `size`. Whether they are the right ones is for the caller to check,
    /// for example against a signed root.
    public init?(size: Int64, peaks: [SHA256Digest]) {
        guard size >= 0, size.nonzeroBitCount == peaks.count else { return nil }
        self.size = size
        self.peaks = peaks
    }

    /// Appends one leaf hash (`Merkle.leafHash` of a line, i.e. an entry hash).
    public mutating func append(_ leafHash: SHA256Digest) {
        var node = leafHash
        // Each trailing 1-bit of the old size is a perfect subtree the new leaf completes a twin of.
        var carry = size
        while carry & 1 == 1 {
            node = Merkle.nodeHash(peaks.removeLast(), node)
            carry >>= 1
        }
        peaks.append(node)
        size += 1
    }

    /// The Merkle tree hash of all leaves appended (RFC 6962 section 2.1); SHA-256("") when empty.
    public var root: SHA256Digest {
        guard var hash = peaks.last else { return SHA256.hash([UInt8]()) }
        for peak in peaks.dropLast().reversed() {
            hash = Merkle.nodeHash(peak, hash)
        }
        return hash
    }
}
