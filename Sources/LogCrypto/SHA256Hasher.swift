internal import COpenSSL

/// An incremental SHA-256 computation: `update` any number of times, then `finalize` once.
///
/// Non-copyable because it owns a libcrypto digest context.
public struct SHA256Hasher: ~Copyable {
    private let context: OpaquePointer

    /// Starts a new SHA-256 computation.
    public init() {
        guard let context = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new failed (out of memory)") }
        precondition(EVP_DigestInit_ex(context, EVPDigest.sha256, nil) == 1, "EVP_DigestInit_ex(SHA-256) failed")
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Feeds `bytes` into the hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        precondition(EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1, "EVP_DigestUpdate failed")
    }

    /// Feeds `bytes` into the hash.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Finishes the computation and returns the digest of everything fed in.
    public consuming func finalize() -> SHA256Digest {
        var digest = SHA256Digest.zero
        Swift.withUnsafeMutableBytes(of: &digest.storage) { out in
            let ok = EVP_DigestFinal_ex(context, out.baseAddress!.assumingMemoryBound(to: UInt8.self), nil)
            precondition(ok == 1, "EVP_DigestFinal_ex failed")
        }
        return digest
    }
}
