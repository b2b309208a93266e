/*
 * cjson_floor: the least any program built like legitcheck can do to load and
 * save a case file. It reads the file, parses it with libcjson, prints the tree
 * back and writes it to /dev/null: no strict checking, no conversion to our own
 * structures, no crash-safe write. bench/run.sh compares load-and-save with it.
 *
 * usage: cjson_floor FILE
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

int main(int argc, char **argv)
{
	FILE *f, *null;
	char *text, *printed;
	long size;
	cJSON *root;
	size_t len;

	if (argc != 2) {
		fputs("usage: cjson_floor FILE\n", stderr);
		return 64;
	}
	f = fopen(argv[1], "rb");
	if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "cjson_floor: cannot read '%s': %s\n", argv[1], strerror(errno));
		return 66;
	}
	text = malloc((size_t)size + 1);
	if (!text || fread(text, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "cjson_floor: cannot read '%s'\n", argv[1]);
		return 66;
	}
	fclose(f);
	text[size] = '\0';
	root = cJSON_ParseWithLength(text, (size_t)size);
	free(text);
	if (!root) {
		fprintf(stderr, "cjson_floor: '%s' is not JSON\n", argv[1]);
		return 65;
	}
	printed = cJSON_Print(root);
	cJSON_Delete(root);
	if (!printed)
		return 70;
	len = strlen(printed);
	null = fopen("/dev/null", "wb");
	if (!null || fwrite(printed, 1, len, null) != len || fclose(null) != 0)
		return 74;
	cJSON_free(printed);
	return 0;
}
