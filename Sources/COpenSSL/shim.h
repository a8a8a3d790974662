#ifndef SCREENING_COPENSSL_SHIM_H
#define SCREENING_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>

/* BIO_get_mem_data is a function-like macro, which Swift cannot import. */
static inline long screening_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

/* A PEM password callback that refuses: encrypted PEM fails instead of prompting on a terminal. */
static inline int screening_no_password(char *buf, int size, int rwflag, void *userdata) {
    (void)buf; (void)size; (void)rwflag; (void)userdata;
    return -1;
}

#endif
