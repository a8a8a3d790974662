internal import COpenSSL

/// SHA-256 (FIPS 180-4) through libcrypto's EVP interface.
public enum SHA256 {
    /// Hashes `bytes` in one call.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        let context = ThreadDigestContext.sha256()
        update(context, bytes)
        return finish(context)
    }

    /// SHA-256(prefix || bytes): a domain-separated hash such as the RFC 6962 leaf hash
    /// (prefix 0x00), without copying `bytes`.
    public static func hash(prefix: UInt8, _ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        let context = ThreadDigestContext.sha256()
        withUnsafeBytes(of: prefix) { update(context, $0) }
        update(context, bytes)
        return finish(context)
    }

    private static func update(_ context: OpaquePointer, _ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        precondition(EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1, "EVP_DigestUpdate failed")
    }

    private static func finish(_ context: OpaquePointer) -> SHA256Digest {
        var digest = SHA256Digest.zero
        Swift.withUnsafeMutableBytes(of: &digest.storage) { out in
            let ok = EVP_DigestFinal_ex(context, out.baseAddress!.assumingMemoryBound(to: UInt8.self), nil)
            precondition(ok == 1, "EVP_DigestFinal_ex(SHA-256) failed")
        }
        return digest
    }

    /// Hashes `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> SHA256Digest {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// Hashes the UTF-8 encoding of `string`.
    public static func hash(_ string: String) -> SHA256Digest {
        var string = string
        return string.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }
}

/// Digest algorithms fetched once from the default provider and shared (EVP_MD objects are
/// immutable after fetch, so sharing them across threads is safe).
enum EVPDigest {
    nonisolated(unsafe) static let sha256: OpaquePointer = {
        guard let md = EVP_MD_fetch(nil, "SHA256", nil) else {
            fatalError("libcrypto has no SHA-256 implementation")
        }
        return md
    }()
}
