/*
 * SHA-256 block function on the x86 SHA extensions (SHA-NI), about ten
 * times the portable one: it decides how long a large case takes to open,
 * as the journal fingerprints the whole file, and a good part of how long
 * the program takes to start, as the checklist is fingerprinted each time.
 *
 * Built only where the compiler can target these instructions (the build
 * defines LEGITCHECK_SHA_NI and compiles this file alone with -msha
 * -msse4.1); used only where the processor has them (sha256.c asks
 * sha256_x86_usable() once).
 */
#include "sha256_impl.h"

#ifdef LEGITCHECK_SHA_NI
#include <immintrin.h>
#ifdef LEGITCHECK_X86_PLATFORM_H
#include <sys/platform/x86.h>
#else
#include <cpuid.h>
#endif

bool sha256_x86_usable(void)
{
#ifdef LEGITCHECK_X86_PLATFORM_H
	/* What the C library found at start-up, and which it lets programs use. */
	return CPU_FEATURE_ACTIVE(SSSE3) && CPU_FEATURE_ACTIVE(SSE4_1) && CPU_FEATURE_ACTIVE(SHA);
#else
	unsigned a, b, c, d;

	/* SSSE3 and SSE4.1 (leaf 1, ECX bits 9 and 19), SHA (leaf 7, EBX bit 29). */
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9)) || !(c & (1u << 19)))
		return false;
	if (__get_cpuid_max(0, NULL) < 7)
		return false;
	__cpuid_count(7, 0, a, b, c, d);
	return (b & (1u << 29)) != 0;
#endif
}

/* Four message words of the schedule from the sixteen before them:
 * W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], four lanes at once. */
static __m128i schedule(__m128i w16, __m128i w12, __m128i w8, __m128i w4)
{
	__m128i t = _mm_sha256msg1_epu32(w16, w12); /* W[t-16] + s0(W[t-15]) */

	t = _mm_add_epi32(t, _mm_alignr_epi8(w4, w8, 4)); /* + W[t-7] */
	return _mm_sha256msg2_epu32(t, w4);               /* + s1(W[t-2]) */
}

void sha256_x86_blocks(uint32_t h[8], const unsigned char *p, size_t nblocks, const uint32_t k[64])
{
	/* The words of a block are big-endian. */
	const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i abef, cdgh, t;

	/* The instructions keep the state as (A, B, E, F) and (C, D, G, H),
	 * highest lane first. */
	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)&h[0]), 0xB1);
	cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)&h[4]), 0x1B);
	abef = _mm_alignr_epi8(t, cdgh, 8);
	cdgh = _mm_blend_epi16(cdgh, t, 0xF0);

	for (; nblocks; nblocks--, p += 64) {
		__m128i w[4], abef0 = abef, cdgh0 = cdgh;
		size_t g;

		for (g = 0; g < 16; g++) {
			__m128i m;

			if (g < 4)
				w[g] = _mm_shuffle_epi8(
					_mm_loadu_si128(
						(const __m128i *)(const void *)(p + 16 * g)),
					swap);
			else
				w[g % 4] = schedule(w[g % 4], w[(g + 1) % 4], w[(g + 2) % 4],
						    w[(g + 3) % 4]);
			m = _mm_add_epi32(
				w[g % 4],
				_mm_loadu_si128((const __m128i *)(const void *)&k[4 * g]));
			/* Two rounds on the low two words, two on the high. */
			cdgh = _mm_sha256rnds2_epu32(cdgh, abef, m);
			abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(m, 0x0E));
		}
		abef = _mm_add_epi32(abef, abef0);
		cdgh = _mm_add_epi32(cdgh, cdgh0);
	}

	t = _mm_shuffle_epi32(abef, 0x1B);
	cdgh = _mm_shuffle_epi32(cdgh, 0xB1);
	_mm_storeu_si128((__m128i *)(void *)&h[0], _mm_blend_epi16(t, cdgh, 0xF0));
	_mm_storeu_si128((__m128i *)(void *)&h[4], _mm_alignr_epi8(cdgh, t, 8));
}
#else
/* Without the extensions this file holds nothing (and ISO C wants something). */
typedef int sha256_x86_absent;
#endif
