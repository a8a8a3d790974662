import LogCrypto
import Testing

@Suite("PBKDF2-HMAC-SHA256")
struct PasswordKDFTests {
    // RFC 7914 section 11, PBKDF2-HMAC-SHA256 (P="passwd", S="salt", c=1, dkLen=64). Reproduce with:
    //   openssl kdf -keylen 64 -kdfopt digest:SHA256 -kdfopt pass:passwd -kdfopt salt:salt -kdfopt iter:1 PBKDF2
    @Test("RFC 7914 section 11 known answer")
    func rfc7914() {
        let key = PasswordKDF.pbkdf2SHA256(
            password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, keyLength: 64)
        #expect(
            key.hex
                == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    // RFC 7914 section 11, second vector (P="Password", S="NaCl", c=80000, dkLen=64). Reproduce with:
    //   openssl kdf -keylen 64 -kdfopt digest:SHA256 -kdfopt pass:Password -kdfopt salt:NaCl -kdfopt iter:80000 PBKDF2
    @Test("RFC 7914 section 11 known answer with 80,000 iterations")
    func rfc7914Iterated() {
        let key = PasswordKDF.pbkdf2SHA256(
            password: Array("Password".utf8), salt: Array("NaCl".utf8), iterations: 80_000, keyLength: 64)
        #expect(
            key.hex
                == "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")
    }

    @Test("empty password and salt are allowed; the output has the requested length and is deterministic")
    func emptyInputs() {
        let a = PasswordKDF.pbkdf2SHA256(password: [], salt: [], iterations: 2, keyLength: 17)
        #expect(a.count == 17)
        #expect(a == PasswordKDF.pbkdf2SHA256(password: [], salt: [], iterations: 2, keyLength: 17))
        #expect(a != PasswordKDF.pbkdf2SHA256(password: [], salt: [], iterations: 3, keyLength: 17))
    }
}
