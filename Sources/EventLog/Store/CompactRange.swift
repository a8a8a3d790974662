import LogCrypto

/// The writer's Merkle tree state: the RFC 6962 root of a growing log from the roots of its
/// perfect subtrees (the compact range), largest first - O(log n) hashes.
///
/// It computes the same root as `MerkleAccumulator`, but its subtree roots can be read and
/// restored, so the writer can remember where it stopped (`CheckpointMemory`) and resume
/// without hashing the log again.
struct CompactRange: Sendable, Hashable {
    /// Roots of perfect subtrees, one per set bit of `size`, from the largest (leftmost) subtree.
    private(set) var peaks: [SHA256Digest] = []
    /// The number of leaves covered.
    private(set) var size: Int64 = 0

    /// An empty tree.
    init() {}

    /// A tree of `size` leaves with these subtree roots; nil unless there is one per set bit of `size`.
    init?(size: Int64, peaks: [SHA256Digest]) {
        guard size >= 0, size.nonzeroBitCount == peaks.count else { return nil }
        self.size = size
        self.peaks = peaks
    }

    /// Appends one leaf hash (an entry hash).
    mutating func append(_ leafHash: SHA256Digest) {
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

    /// The Merkle tree hash of all leaves (RFC 6962 section 2.1); SHA-256("") when empty.
    var root: SHA256Digest {
        guard var hash = peaks.last else { return SHA256.hash([UInt8]()) }
        for peak in peaks.dropLast().reversed() {
            hash = Merkle.nodeHash(peak, hash)
        }
        return hash
    }
}
