/* Unit tests of sha256.c: the FIPS 180-4 examples, and the processor's
 * implementation (where there is one) against the portable one on every
 * length that exercises the padding and on a large buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "legitcheck/sha256.h"
#include "tap.h"

static void known_digests(void)
{
	char out[65], *million = malloc(1000000);

	sha256_hex("", 0, out);
	is_string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", out,
		  "the empty message");
	sha256_hex("abc", 3, out);
	is_string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", out, "abc");
	sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, out);
	is_string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", out,
		  "448 bits: the padding takes a second block");
	if (!million)
		bail("out of memory");
	memset(million, 'a', 1000000);
	sha256_hex(million, 1000000, out);
	is_string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", out,
		  "a million times 'a'");
	free(million);
}

static void implementations_agree(void)
{
	size_t size = (1u << 20) + 77, len, bad = 0;
	unsigned char *data = malloc(size);
	uint32_t x = 2463534242u;
	char a[65], b[65];

	if (!data)
		bail("out of memory");
	diag("sha256_hex uses the %s implementation here", sha256_implementation());
	for (len = 0; len < size; len++) {
		/* xorshift: the same bytes at every run */
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		data[len] = (unsigned char)x;
	}
	for (len = 0; len <= 1100; len++) {
		sha256_hex(data + len % 7, len, a);
		sha256_hex_portable(data + len % 7, len, b);
		if (strcmp(a, b) != 0 && bad++ < 5)
			diag("length %zu: %s and %s", len, a, b);
	}
	is_int(0, (long long)bad, "both implementations agree on every length up to 1100 bytes");
	sha256_hex(data + 3, size - 3, a);
	sha256_hex_portable(data + 3, size - 3, b);
	is_string(b, a, "and on a megabyte, unaligned");
	free(data);
}

int main(void)
{
	plan_lazy();
	known_digests();
	implementations_agree();
	return 0;
}
