/* SHA-256 as specified in FIPS 180-4, section 6.2. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "legitcheck/sha256.h"
#include "sha256_impl.h"

static const uint32_t k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

#define ROTR(x, n)   (((x) >> (n)) | ((x) << (32 - (n))))
#define S0(a)        (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22))
#define S1(e)        (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25))
#define CH(e, f, g)  ((g) ^ ((e) & ((f) ^ (g))))
#define MAJ(a, b, c) (((a) & (b)) | ((c) & ((a) | (b))))
/* One round, with the eight working variables named in turn rather than
 * shifted along: eight rounds bring the names back where they were. */
#define ROUND(a, b, c, d, e, f, g, h, i)                               \
	do {                                                           \
		uint32_t t1 = (h) + S1(e) + CH(e, f, g) + k[i] + w[i]; \
		(d) += t1;                                             \
		(h) = t1 + S0(a) + MAJ(a, b, c);                       \
	} while (0)

static void compress(uint32_t h[8], const unsigned char block[64])
{
	uint32_t w[64], a, b, c, d, e, f, g, hh;
	size_t i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)block[i * 4] << 24 | (uint32_t)block[i * 4 + 1] << 16 |
		       (uint32_t)block[i * 4 + 2] << 8 | (uint32_t)block[i * 4 + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
	for (i = 0; i < 64; i += 8) {
		ROUND(a, b, c, d, e, f, g, hh, i);
		ROUND(hh, a, b, c, d, e, f, g, i + 1);
		ROUND(g, hh, a, b, c, d, e, f, i + 2);
		ROUND(f, g, hh, a, b, c, d, e, i + 3);
		ROUND(e, f, g, hh, a, b, c, d, i + 4);
		ROUND(d, e, f, g, hh, a, b, c, i + 5);
		ROUND(c, d, e, f, g, hh, a, b, i + 6);
		ROUND(b, c, d, e, f, g, hh, a, i + 7);
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

static void portable_blocks(uint32_t h[8], const unsigned char *p, size_t nblocks,
			    const uint32_t kk[64])
{
	(void)kk;
	for (; nblocks; nblocks--, p += 64)
		compress(h, p);
}

typedef void blocks_fn(uint32_t h[8], const unsigned char *p, size_t nblocks,
		       const uint32_t kk[64]);

static blocks_fn *best_blocks(void)
{
#ifdef LEGITCHECK_SHA_NI
	static int usable = -1;

	/* Asked once: the answer cannot change while the program runs. */
	if (usable < 0)
		usable = sha256_x86_usable();
	if (usable)
		return sha256_x86_blocks;
#endif
	return portable_blocks;
}

const char *sha256_implementation(void)
{
	return best_blocks() == portable_blocks ? "portable" : "x86 SHA extensions";
}

static void digest_hex(blocks_fn *blocks, const void *data, size_t len, char out[65])
{
	uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
			 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	const unsigned char *p = data;
	unsigned char tail[128];
	size_t full = len / 64 * 64, rest = len - full, tlen, i;
	uint64_t bits = (uint64_t)len * 8;

	blocks(h, p, full / 64, k);
	memset(tail, 0, sizeof(tail));
	memcpy(tail, p + full, rest);
	tail[rest] = 0x80;
	tlen = rest + 1 + 8 <= 64 ? 64 : 128;
	for (i = 0; i < 8; i++)
		tail[tlen - 1 - i] = (unsigned char)(bits >> (8 * i));
	blocks(h, tail, tlen / 64, k);
	for (i = 0; i < 8; i++)
		snprintf(out + i * 8, 9, "%08x", (unsigned)h[i]);
}

void sha256_hex(const void *data, size_t len, char out[65])
{
	digest_hex(best_blocks(), data, len, out);
}

void sha256_hex_portable(const void *data, size_t len, char out[65])
{
	digest_hex(portable_blocks, data, len, out);
}
