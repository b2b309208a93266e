/*
 * measure: runs a command REPS times in a row and prints, for all the runs
 * together, the wall time and the CPU time (user + system) in seconds, and the
 * largest peak resident set size of any run in KiB (from wait4's rusage), as
 * "WALL CPU KIB". On a machine shared with other work the CPU time is the
 * steadier figure: waiting for a processor does not count in it.
 * Standard input comes from a file (default /dev/null), standard output and
 * error go to /dev/null unless given.
 *
 * A run that exits with a status other than 0 stops the measurement with
 * status 1: a benchmark of a failing command measures nothing.
 *
 * usage: measure [-n REPS] [-i STDIN] [-o STDOUT] [-e STDERR] -- COMMAND [ARG...]
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0644);

	if (f < 0 || dup2(f, fd) < 0) {
		fprintf(stderr, "measure: cannot open '%s': %s\n", path, strerror(errno));
		_exit(127);
	}
	close(f);
}

int main(int argc, char **argv)
{
	const char *in = "/dev/null", *out = "/dev/null", *err = "/dev/null";
	long reps = 1, r, maxrss = 0;
	double cpu = 0;
	struct timespec t0, t1;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (i + 1 >= argc)
			goto usage;
		if (strcmp(argv[i], "-n") == 0)
			reps = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-i") == 0)
			in = argv[++i];
		else if (strcmp(argv[i], "-o") == 0)
			out = argv[++i];
		else if (strcmp(argv[i], "-e") == 0)
			err = argv[++i];
		else
			goto usage;
	}
	if (i + 1 >= argc || reps < 1)
		goto usage;
	argv += i + 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (r = 0; r < reps; r++) {
		struct rusage ru;
		int status;
		pid_t pid = fork();

		if (pid < 0) {
			perror("measure: fork");
			return 1;
		}
		if (pid == 0) {
			redirect(in, 0, O_RDONLY);
			redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC);
			redirect(err, 2, O_WRONLY | O_CREAT | O_TRUNC);
			execvp(argv[0], argv);
			_exit(127);
		}
		if (wait4(pid, &status, 0, &ru) < 0) {
			perror("measure: wait4");
			return 1;
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "measure: '%s' failed (status %d)\n", argv[0],
				WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
			return 1;
		}
		cpu += (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.6f %.6f %ld\n",
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, cpu,
	       maxrss);
	return 0;
usage:
	fputs("usage: measure [-n REPS] [-i STDIN] [-o STDOUT] [-e STDERR] -- COMMAND [ARG...]\n",
	      stderr);
	return 64;
}
