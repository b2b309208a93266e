/*
 * Proves that a save is atomic under SIGKILL: kills a process that saves two
 * versions of a large case in turn, at random moments, many times, and checks
 * after each kill that the case is byte-identical to one of the two versions
 * and that no temporary file is left beyond the one that was in flight.
 *
 * usage: saveloop CASE A B KILLS [MAX_DELAY_US [SEED]]
 *
 * CASE is written with A first. Each round forks a child that removes stale
 * temporary files (as opening a case does), then saves B, A, B, ... with
 * storage_write_atomic() until it is killed after a random delay of up to
 * MAX_DELAY_US microseconds (by default, or 0: one and a half times what a
 * child takes to start, clean up and make its first two saves, so that kills
 * fall in every step of them and some after both). Prints one summary line;
 * exits 1 on the first violation, saying which. Test tool only: not part of
 * legitcheck.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "legitcheck/storage.h"

struct version {
	char *data;
	size_t len;
};

static void load(const char *path, struct version *v)
{
	struct error err;

	error_init(&err);
	if (storage_read_file(path, &v->data, &v->len, &err)) {
		fprintf(stderr, "saveloop: %s\n", error_message(&err, 0));
		exit(2);
	}
	error_release(&err);
}

static void save(const char *path, const struct version *v)
{
	struct error err;

	error_init(&err);
	if (storage_write_atomic(path, v->data, v->len, &err)) {
		fprintf(stderr, "saveloop: %s\n", error_message(&err, 0));
		_exit(3);
	}
	error_release(&err);
}

/* Temporary files of path's name in its directory. */
static int count_temps(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	char *prefix = xasprintf("%s.tmp-", slash ? slash + 1 : path);
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	while (d && (de = readdir(d)))
		n += strncmp(de->d_name, prefix, strlen(prefix)) == 0;
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
	return n;
}

static unsigned long next_random(unsigned long long *state)
{
	/* xorshift64*: reproducible from the seed printed on failure. */
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return (unsigned long)((*state * 2685821657736338717ULL) >> 33);
}

int main(int argc, char **argv)
{
	struct version a, b;
	unsigned long long state;
	unsigned long seed;
	long kills, max_delay, i, in_flight = 0, as_a = 0, as_b = 0;
	int max_temps = 0;

	if (argc < 5) {
		fprintf(stderr, "usage: saveloop CASE A B KILLS [MAX_DELAY_US [SEED]]\n");
		return 64;
	}
	load(argv[2], &a);
	load(argv[3], &b);
	kills = strtol(argv[4], NULL, 10);
	max_delay = argc > 5 ? strtol(argv[5], NULL, 10) : 0;
	seed = argc > 6 ? strtoul(argv[6], NULL, 10)
			: (unsigned long)time(NULL) ^ (unsigned long)getpid();
	state = seed ? seed : 1;
	save(argv[1], &a);
	if (max_delay <= 0) {
		/* Timed as a killed child runs, fork and clean-up included: timing
		 * the two saves alone left few kills past the second save, and on a
		 * loaded machine none, so the case was never found as A. */
		struct timespec t0, t1;
		pid_t child;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		child = fork();
		if (child < 0) {
			perror("saveloop: fork");
			return 2;
		}
		if (child == 0) {
			storage_remove_stale_temps(argv[1]);
			save(argv[1], &b);
			save(argv[1], &a);
			_exit(0);
		}
		waitpid(child, NULL, 0);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		max_delay = (long)((t1.tv_sec - t0.tv_sec) * 1000000 +
				   (t1.tv_nsec - t0.tv_nsec) / 1000);
		max_delay += max_delay / 2;
		if (max_delay < 1000)
			max_delay = 1000;
	}
	for (i = 0; i < kills; i++) {
		struct timespec delay;
		unsigned long us = next_random(&state) % (unsigned long)(max_delay + 1);
		int status, temps;
		struct version now;
		pid_t child = fork();

		if (child < 0) {
			perror("saveloop: fork");
			return 2;
		}
		if (child == 0) {
			storage_remove_stale_temps(argv[1]);
			for (;;) {
				save(argv[1], &b);
				save(argv[1], &a);
			}
		}
		delay.tv_sec = (time_t)(us / 1000000);
		delay.tv_nsec = (long)(us % 1000000) * 1000;
		nanosleep(&delay, NULL);
		kill(child, SIGKILL);
		if (waitpid(child, &status, 0) != child || !WIFSIGNALED(status)) {
			printf("not ok: round %ld: the saving process stopped by itself (status "
			       "%d)\n",
			       i + 1, status);
			return 1;
		}
		load(argv[1], &now);
		if (now.len == a.len && memcmp(now.data, a.data, a.len) == 0) {
			as_a++;
		} else if (now.len == b.len && memcmp(now.data, b.data, b.len) == 0) {
			as_b++;
		} else {
			printf("not ok: round %ld (seed %lu, killed after %lu us): the case is "
			       "neither "
			       "version (%zu bytes)\n",
			       i + 1, seed, us, now.len);
			return 1;
		}
		free(now.data);
		temps = count_temps(argv[1]);
		if (temps > 1) {
			printf("not ok: round %ld (seed %lu): %d temporary files, at most one (the "
			       "save in flight) may be left\n",
			       i + 1, seed, temps);
			return 1;
		}
		in_flight += temps;
		if (temps > max_temps)
			max_temps = temps;
	}
	printf("ok: %ld kills (seed %lu, delays up to %ld us): intact every time (%ld as A, %ld as "
	       "B); %ld killed "
	       "mid-save; at most %d temporary file left\n",
	       kills, seed, max_delay, as_a, as_b, in_flight, max_temps);
	free(a.data);
	free(b.data);
	return 0;
}
