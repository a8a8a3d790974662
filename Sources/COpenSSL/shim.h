#ifndef SCREENING_COPENSSL_SHIM_H
#define SCREENING_COPENSSL_SHIM_H

#include <string.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/sha.h>

/* BIO_get_mem_data is a function-like macro, which Swift cannot import. */
static inline long screening_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

/* A PEM password callback that refuses: encrypted PEM fails instead of prompting on a terminal. */
static inline int screening_no_password(char *buf, int size, int rwflag, void *userdata) {
    (void)buf; (void)size; (void)rwflag; (void)userdata;
    return -1;
}

/*
 * SHA-256 through libcrypto's low-level functions, on a context on the caller's stack.
 *
 * The log hashes two short messages per entry (the RFC 6962 leaf and about one interior node),
 * so EVP's per-call dispatch (init, provider update, final) was a large share of each hash. These
 * functions are deprecated in OpenSSL 3 only in favour of EVP; they run the same block function
 * (SHA-NI or AVX2 as the CPU allows). The pragmas keep the deprecation inside this header.
 */
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"

/* SHA-256(prefix || bytes[0..<count]) into out[32]; with has_prefix == 0, SHA-256(bytes). */
static inline void screening_sha256(int has_prefix, unsigned char prefix, const void *bytes, size_t count,
                                    unsigned char *out) {
    SHA256_CTX context;
    SHA256_Init(&context);
    if (has_prefix) SHA256_Update(&context, &prefix, 1);
    if (count > 0) SHA256_Update(&context, bytes, count);
    SHA256_Final(out, &context);
}

/* SHA-256(prefix || left[0..<32] || right[0..<32]) into out[32]: one RFC 6962 interior node. */
static inline void screening_sha256_pair(unsigned char prefix, const unsigned char *left,
                                         const unsigned char *right, unsigned char *out) {
    unsigned char message[65];
    message[0] = prefix;
    memcpy(message + 1, left, 32);
    memcpy(message + 33, right, 32);
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, message, sizeof message);
    SHA256_Final(out, &context);
}

#pragma clang diagnostic pop

#endif
