internal import COpenSSL

/// SHA-256 (FIPS 180-4) through libcrypto.
///
/// One-shot hashes use libcrypto's low-level SHA-256 on a context on the stack (see the shim
/// header): the log hashes two short messages per entry, where EVP's per-call setup and dispatch
/// cost as much as a few blocks of hashing.
public enum SHA256 {
    /// Hashes `bytes` in one call.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        digest { screening_sha256(0, 0, bytes.baseAddress, bytes.count, $0) }
    }

    /// SHA-256(prefix || bytes): a domain-separated hash such as the RFC 6962 leaf hash
    /// (prefix 0x00), without copying `bytes`.
    public static func hash(prefix: UInt8, _ bytes: UnsafeRawBufferPointer) -> SHA256Digest {
        digest { screening_sha256(1, prefix, bytes.baseAddress, bytes.count, $0) }
    }

    /// SHA-256(prefix || left || right) over two digests: the RFC 6962 interior node hash
    /// (section 2.1, prefix 0x01).
    public static func hash(prefix: UInt8, _ left: SHA256Digest, _ right: SHA256Digest) -> SHA256Digest {
        left.withUnsafeBytes { leftBytes in
            right.withUnsafeBytes { rightBytes in
                digest { out in
                    screening_sha256_pair(
                        prefix, leftBytes.baseAddress!.assumingMemoryBound(to: UInt8.self),
                        rightBytes.baseAddress!.assumingMemoryBound(to: UInt8.self), out)
                }
            }
        }
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

    /// Runs `write`, which stores 32 bytes at its argument, into a new digest.
    @inline(__always)
    private static func digest(_ write: (UnsafeMutablePointer<UInt8>) -> Void) -> SHA256Digest {
        var digest = SHA256Digest.zero
        Swift.withUnsafeMutableBytes(of: &digest.storage) { write($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
        return digest
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
