internal import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One reusable SHA-256 `EVP_MD_CTX` per thread.
///
/// Re-initialising a context that already holds the same fetched digest keeps libcrypto's
/// provider state, so a one-shot hash costs no allocation (`EVP_Digest` allocates and frees a
/// context every call). Hashing is synchronous, so a task never suspends while using it.
enum ThreadDigestContext {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        #if canImport(Glibc)
        let status = pthread_key_create(&key) { context in
            if let context { EVP_MD_CTX_free(OpaquePointer(context)) }
        }
        #else
        let status = pthread_key_create(&key) { context in EVP_MD_CTX_free(OpaquePointer(context)) }
        #endif
        precondition(status == 0, "pthread_key_create failed")
        return key
    }()

    /// This thread's SHA-256 context, initialised and ready for `EVP_DigestUpdate`.
    static func sha256() -> OpaquePointer {
        let context: OpaquePointer
        if let existing = pthread_getspecific(key) {
            context = OpaquePointer(existing)
        } else {
            guard let created = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new failed (out of memory)") }
            precondition(pthread_setspecific(key, UnsafeRawPointer(created)) == 0, "pthread_setspecific failed")
            context = created
        }
        precondition(EVP_DigestInit_ex2(context, EVPDigest.sha256, nil) == 1, "EVP_DigestInit_ex2(SHA-256) failed")
        return context
    }
}
