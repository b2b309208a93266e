/* SHA-256 (FIPS 180-4), used to fingerprint a checklist's content in case files. */
#ifndef LEGITCHECK_SHA256_H
#define LEGITCHECK_SHA256_H

#include <stddef.h>

/* Writes the lowercase hex digest of data (64 characters and a NUL) to out. */
void sha256_hex(const void *data, size_t len, char out[65]);
/* The same, whatever the processor offers: what tests compare with. */
void sha256_hex_portable(const void *data, size_t len, char out[65]);
/* What sha256_hex uses on this processor: "portable" or "x86 SHA extensions". */
const char *sha256_implementation(void);

#endif
