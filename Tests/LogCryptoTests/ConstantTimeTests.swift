import LogCrypto
import Testing

@Suite("Constant-time comparison and random bytes")
struct ConstantTimeTests {
    @Test("equals compares content and length")
    func equals() {
        #expect(ConstantTime.equals([], []))
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([], [0]))
    }

    @Test("random bytes have the requested length and differ between calls")
    func randomBytes() {
        #expect(SecureRandom.bytes(count: 0).isEmpty)
        let a = SecureRandom.bytes(count: 32), b = SecureRandom.bytes(count: 32)
        #expect(a.count == 32)
        // Equal 256-bit draws have probability 2^-256.
        #expect(a != b)
    }
}
