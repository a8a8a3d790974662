internal import COpenSSL

/// Password-based key derivation for storing and checking user passwords.
public enum PasswordKDF {
    /// PBKDF2 (RFC 8018 section 5.2) with HMAC-SHA-256 as the pseudo-random function.
    ///
    /// - Parameters:
    ///   - iterations: the iteration count, at least 1.
    ///   - keyLength: the derived key length in bytes, at least 1.
    public static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], iterations: Int, keyLength: Int) -> [UInt8] {
        precondition(iterations >= 1 && iterations <= Int(Int32.max), "PBKDF2 iteration count out of range")
        precondition(keyLength >= 1 && keyLength <= Int(Int32.max), "PBKDF2 key length out of range")
        var out = [UInt8](repeating: 0, count: keyLength)
        let ok = password.withUnsafeBufferPointer { pass in
            salt.withUnsafeBufferPointer { salt in
                out.withUnsafeMutableBufferPointer { out in
                    pass.withMemoryRebound(to: CChar.self) { pass in
                        PKCS5_PBKDF2_HMAC(
                            pass.baseAddress, Int32(pass.count),
                            salt.baseAddress, Int32(salt.count),
                            Int32(iterations), EVPDigest.sha256,
                            Int32(keyLength), out.baseAddress)
                    }
                }
            }
        }
        precondition(ok == 1, "PKCS5_PBKDF2_HMAC failed")
        return out
    }
}
