/* Between sha256.c and the block functions it chooses from. */
#ifndef LEGITCHECK_SHA256_IMPL_H
#define LEGITCHECK_SHA256_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef LEGITCHECK_SHA_NI
/* True when this processor has the instructions sha256_x86_blocks uses. */
bool sha256_x86_usable(void);
/* Adds nblocks 64-byte blocks at p to the state h; k is the round constants. */
void sha256_x86_blocks(uint32_t h[8], const unsigned char *p, size_t nblocks, const uint32_t k[64]);
#endif

#endif
