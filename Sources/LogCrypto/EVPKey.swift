internal import COpenSSL

/// Owns one libcrypto `EVP_PKEY` holding an Ed25519 key (private or public).
///
/// A class so the key is freed exactly once. `EVP_PKEY` is safe to use from several threads
/// for signing and verifying (each operation creates its own context), hence `@unchecked Sendable`.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    private init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// An Ed25519 private key from its 32-byte RFC 8032 secret (the "seed").
    static func ed25519Private(seed: [UInt8]) throws(CryptoError) -> EVPKey {
        guard seed.count == 32 else {
            throw CryptoError(code: "key.length", reason: "an Ed25519 private key is 32 bytes, got \(seed.count)")
        }
        let pointer = seed.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, $0.baseAddress, 32)
        }
        guard let pointer else { throw openSSLError("key.invalid", "libcrypto rejected the Ed25519 private key") }
        return EVPKey(pointer: pointer)
    }

    /// An Ed25519 public key from its 32-byte RFC 8032 encoding.
    static func ed25519Public(raw: [UInt8]) throws(CryptoError) -> EVPKey {
        guard raw.count == 32 else {
            throw CryptoError(code: "key.length", reason: "an Ed25519 public key is 32 bytes, got \(raw.count)")
        }
        let pointer = raw.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, 32)
        }
        guard let pointer else { throw openSSLError("key.invalid", "libcrypto rejected the Ed25519 public key") }
        return EVPKey(pointer: pointer)
    }

    /// Reads a PEM private key (PKCS#8, unencrypted) and checks it is Ed25519.
    static func readPrivatePEM(_ pem: String) throws(CryptoError) -> EVPKey {
        let pointer = withMemoryBIO(pem) { PEM_read_bio_PrivateKey($0, nil, screening_no_password, nil) }
        guard let pointer else {
            throw openSSLError("pem.unreadable", "not an unencrypted PEM private key")
        }
        return try checkedEd25519(EVPKey(pointer: pointer))
    }

    /// Reads a PEM public key (SubjectPublicKeyInfo) and checks it is Ed25519.
    static func readPublicPEM(_ pem: String) throws(CryptoError) -> EVPKey {
        let pointer = withMemoryBIO(pem) { PEM_read_bio_PUBKEY($0, nil, screening_no_password, nil) }
        guard let pointer else {
            throw openSSLError("pem.unreadable", "not a PEM public key (SubjectPublicKeyInfo)")
        }
        return try checkedEd25519(EVPKey(pointer: pointer))
    }

    /// The 32-byte public key.
    var rawPublicKey: [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length = 32
        let ok = out.withUnsafeMutableBufferPointer { EVP_PKEY_get_raw_public_key(pointer, $0.baseAddress, &length) }
        precondition(ok == 1 && length == 32, "EVP_PKEY_get_raw_public_key failed for an Ed25519 key")
        return out
    }

    /// The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), unencrypted.
    var privatePEM: String {
        writeMemoryBIO { PEM_write_bio_PKCS8PrivateKey($0, pointer, nil, nil, 0, nil, nil) }
    }

    /// The public key as SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`).
    var publicPEM: String {
        writeMemoryBIO { PEM_write_bio_PUBKEY($0, pointer) }
    }

    /// A 64-byte Ed25519 signature over `message` (pure Ed25519: no pre-hash, so no digest).
    func sign(_ message: [UInt8]) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new failed (out of memory)") }
        defer { EVP_MD_CTX_free(context) }
        precondition(EVP_DigestSignInit(context, nil, nil, nil, pointer) == 1, "EVP_DigestSignInit(Ed25519) failed")
        var signature = [UInt8](repeating: 0, count: 64)
        var length = 64
        let ok = signature.withUnsafeMutableBufferPointer { out in
            message.withUnsafeBufferPointer { message in
                EVP_DigestSign(context, out.baseAddress, &length, message.baseAddress, message.count)
            }
        }
        precondition(ok == 1 && length == 64, "EVP_DigestSign(Ed25519) failed")
        return signature
    }

    /// Whether `signature` is a valid Ed25519 signature over `message` by this key.
    func verify(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64 else { return false }
        guard let context = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new failed (out of memory)") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, nil, nil, pointer) == 1 else {
            ERR_clear_error()
            return false
        }
        let result = signature.withUnsafeBufferPointer { signature in
            message.withUnsafeBufferPointer { message in
                EVP_DigestVerify(context, signature.baseAddress, 64, message.baseAddress, message.count)
            }
        }
        // A failed verification leaves an entry in libcrypto's per-thread error queue; drop it.
        if result != 1 { ERR_clear_error() }
        return result == 1
    }

    private static func checkedEd25519(_ key: EVPKey) throws(CryptoError) -> EVPKey {
        guard EVP_PKEY_get_id(key.pointer) == EVP_PKEY_ED25519 else {
            throw CryptoError(code: "pem.wrongKeyType", reason: "the PEM key is not an Ed25519 key")
        }
        return key
    }

    private static func withMemoryBIO(_ text: String, _ body: (OpaquePointer) -> OpaquePointer?) -> OpaquePointer? {
        var text = text
        return text.withUTF8 { utf8 -> OpaquePointer? in
            guard utf8.count <= Int(Int32.max), let bio = BIO_new_mem_buf(utf8.baseAddress, Int32(utf8.count))
            else { return nil }
            defer { BIO_free(bio) }
            return body(bio)
        }
    }

    private func writeMemoryBIO(_ write: (OpaquePointer) -> Int32) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { fatalError("BIO_new failed (out of memory)") }
        defer { BIO_free(bio) }
        precondition(write(bio) == 1, "writing a PEM key failed")
        var data: UnsafeMutablePointer<CChar>?
        let length = screening_BIO_get_mem_data(bio, &data)
        guard let data, length > 0 else { fatalError("PEM output is empty") }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    private static func openSSLError(_ code: String, _ reason: String) -> CryptoError {
        // Keep the library's message (it names the failing ASN.1/PEM step, never key bytes).
        let detail = ERR_get_error()
        ERR_clear_error()
        guard detail != 0 else { return CryptoError(code: code, reason: reason) }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(detail, &buffer, buffer.count)
        let message = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return CryptoError(code: code, reason: "\(reason) (\(message))")
    }
}
