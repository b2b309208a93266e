/*
 * ptydrive: runs a program on a pseudo-terminal and drives it from a
 * scenario, as a person at a keyboard would, so that the tests can check the
 * interactive prompt (line editing, tab completion, Ctrl-C, Ctrl-D) of the
 * real binary.
 *
 * usage: ptydrive [-t SECONDS] [-l LOG] [-s COLSxROWS] SCENARIO -- PROGRAM [ARG...]
 *
 * A scenario is one step a line; blank lines and lines starting with '#' are
 * ignored:
 *   expect TEXT      wait until TEXT appears in the output after the last match
 *   send TEXT        type TEXT; \r \n \t \e \\ and \xHH are escapes (\x03 is Ctrl-C)
 *   sendline TEXT    type TEXT then Enter
 *   sleep MS         wait MS milliseconds, reading the output
 *   timeout SECONDS  how long an expect waits (default -t, else 10)
 *   signal NAME      send SIGINT, SIGTERM, SIGHUP or SIGKILL (or a number) to the program
 *   exit STATUS      wait for the program to end and check its exit status
 *   killed SIGNAL    wait for the program to end and check it was killed by SIGNAL
 *
 * The output is matched with its escape sequences, carriage returns, bells
 * and backspaces taken out, so that TEXT is what a person reads. On failure
 * ptydrive says which step failed and shows the end of the output; it exits
 * 0 when every step passed, 1 when one failed, 2 on a usage error.
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct screen {
	char *text; /* the output as read, escape sequences removed */
	size_t len, alloc;
	size_t mark; /* where the next expect starts looking */
	int state;   /* of the escape sequence parser */
	FILE *log;
};

static pid_t child = -1;
static int master = -1;
static bool child_done;
static int child_status;

static void add_char(struct screen *sc, char c)
{
	if (sc->len + 2 > sc->alloc) {
		sc->alloc = sc->alloc ? sc->alloc * 2 : 4096;
		sc->text = realloc(sc->text, sc->alloc);
		if (!sc->text) {
			perror("ptydrive");
			exit(2);
		}
	}
	sc->text[sc->len++] = c;
	sc->text[sc->len] = '\0';
}

/* Takes out CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \) and other
 * two-byte escapes, carriage returns, bells and backspaces. */
static void feed(struct screen *sc, const char *buf, size_t n)
{
	size_t i;

	if (sc->log)
		fwrite(buf, 1, n, sc->log);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		switch (sc->state) {
		case 0:
			if (c == 0x1b)
				sc->state = 1;
			else if (c != '\r' && c != '\a' && c != '\b')
				add_char(sc, (char)c);
			break;
		case 1:
			sc->state = c == '[' ? 2 : c == ']' ? 3 : 0;
			break;
		case 2:
			if (c >= 0x40 && c <= 0x7e)
				sc->state = 0;
			break;
		case 3:
			if (c == '\a')
				sc->state = 0;
			else if (c == 0x1b)
				sc->state = 4;
			break;
		default:
			sc->state = 0;
			break;
		}
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void reap(bool block)
{
	int status;
	pid_t r;

	if (child_done)
		return;
	r = waitpid(child, &status, block ? 0 : WNOHANG);
	if (r == child) {
		child_done = true;
		child_status = status;
	}
}

/* Reads what the program wrote for up to seconds; false at end of output. */
static bool pump(struct screen *sc, double seconds)
{
	struct pollfd pfd = {master, POLLIN, 0};
	char buf[4096];
	ssize_t n;
	int r;

	r = poll(&pfd, 1, seconds <= 0 ? 0 : (int)(seconds * 1000));
	if (r < 0)
		return errno == EINTR;
	if (r == 0)
		return true;
	n = read(master, buf, sizeof(buf));
	if (n <= 0) {
		/* EIO: every copy of the slave side is closed, the program is gone. */
		reap(true);
		return false;
	}
	feed(sc, buf, (size_t)n);
	return true;
}

static void show_tail(const struct screen *sc)
{
	size_t from = sc->len > 3000 ? sc->len - 3000 : 0;

	fprintf(stderr,
		"---- output (the end; the last match ended at offset %zu) ----\n%s\n"
		"---- end of output ----\n",
		sc->mark, sc->text ? sc->text + from : "");
}

static size_t unescape(const char *in, char *out)
{
	size_t n = 0;

	while (*in) {
		if (*in != '\\' || !in[1]) {
			out[n++] = *in++;
			continue;
		}
		in++;
		switch (*in) {
		case 'r':
			out[n++] = '\r';
			break;
		case 'n':
			out[n++] = '\n';
			break;
		case 't':
			out[n++] = '\t';
			break;
		case 'e':
			out[n++] = 0x1b;
			break;
		case 'x': {
			char hex[3] = {0};

			if (in[1] && in[2]) {
				hex[0] = in[1];
				hex[1] = in[2];
				out[n++] = (char)strtol(hex, NULL, 16);
				in += 2;
			}
			break;
		}
		default:
			out[n++] = *in;
		}
		in++;
	}
	return n;
}

static void type(const char *bytes, size_t n)
{
	while (n) {
		ssize_t w = write(master, bytes, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			perror("ptydrive: write");
			return;
		}
		bytes += w;
		n -= (size_t)w;
	}
}

static int signal_number(const char *name)
{
	static const struct {
		const char *name;
		int sig;
	} names[] = {{"INT", SIGINT},   {"TERM", SIGTERM}, {"HUP", SIGHUP},
		     {"KILL", SIGKILL}, {"QUIT", SIGQUIT}, {"WINCH", SIGWINCH}};
	size_t i;

	if (strncmp(name, "SIG", 3) == 0)
		name += 3;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i].name) == 0)
			return names[i].sig;
	return atoi(name);
}

/* Waits for the end of the program, reading its output. */
static bool wait_end(struct screen *sc, double timeout)
{
	double deadline = now() + timeout;

	while (!child_done && now() < deadline) {
		if (!pump(sc, 0.1))
			break;
		reap(false);
	}
	if (!child_done) {
		/* The output is closed but the process may still be exiting. */
		while (!child_done && now() < deadline) {
			reap(false);
			if (!child_done)
				usleep(20000);
		}
	}
	return child_done;
}

int main(int argc, char **argv)
{
	const char *scenario = NULL, *logname = NULL;
	double timeout = 10;
	struct winsize ws = {.ws_row = 40, .ws_col = 120};
	struct screen sc = {0};
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	int i, failed = 0;
	FILE *in;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
			timeout = atof(argv[++i]);
		} else if (strcmp(argv[i], "-l") == 0 && i + 1 < argc) {
			logname = argv[++i];
		} else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
			unsigned cols, rows;

			if (sscanf(argv[++i], "%ux%u", &cols, &rows) == 2) {
				ws.ws_col = (unsigned short)cols;
				ws.ws_row = (unsigned short)rows;
			}
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (!scenario) {
			scenario = argv[i];
		} else {
			break;
		}
	}
	if (!scenario || i >= argc) {
		fprintf(stderr, "usage: ptydrive [-t SECONDS] [-l LOG] [-s COLSxROWS] SCENARIO -- "
				"PROGRAM [ARG...]\n");
		return 2;
	}
	in = strcmp(scenario, "-") == 0 ? stdin : fopen(scenario, "r");
	if (!in) {
		fprintf(stderr, "ptydrive: cannot open '%s': %s\n", scenario, strerror(errno));
		return 2;
	}
	if (logname && !(sc.log = fopen(logname, "w"))) {
		fprintf(stderr, "ptydrive: cannot create '%s': %s\n", logname, strerror(errno));
		return 2;
	}
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		perror("ptydrive: forkpty");
		return 2;
	}
	if (child == 0) {
		execvp(argv[i], argv + i);
		fprintf(stderr, "ptydrive: cannot run '%s': %s\n", argv[i], strerror(errno));
		_exit(127);
	}
	while (!failed && getline(&line, &cap, in) >= 0) {
		char *cmd = line, *arg;
		size_t n = strlen(line);

		lineno++;
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		while (*cmd == ' ' || *cmd == '\t')
			cmd++;
		if (!*cmd || *cmd == '#')
			continue;
		arg = cmd + strcspn(cmd, " ");
		if (*arg)
			*arg++ = '\0';
		if (strcmp(cmd, "expect") == 0) {
			double deadline = now() + timeout;
			char *want = malloc(strlen(arg) + 1);
			size_t wn = unescape(arg, want);
			bool open = true;

			want[wn] = '\0';
			for (;;) {
				char *hit = sc.text ? strstr(sc.text + sc.mark, want) : NULL;

				if (hit) {
					sc.mark = (size_t)(hit - sc.text) + wn;
					break;
				}
				if (!open || now() > deadline) {
					fprintf(stderr, "ptydrive: %s:%ld: expect '%s': %s\n",
						scenario, lineno, arg,
						open ? "timed out" : "the program ended first");
					failed = 1;
					break;
				}
				open = pump(&sc, deadline - now());
			}
			free(want);
		} else if (strcmp(cmd, "send") == 0 || strcmp(cmd, "sendline") == 0) {
			char *bytes = malloc(strlen(arg) + 2);
			size_t bn = unescape(arg, bytes);

			if (cmd[4] == 'l')
				bytes[bn++] = '\r';
			type(bytes, bn);
			free(bytes);
		} else if (strcmp(cmd, "sleep") == 0) {
			double until = now() + atof(arg) / 1000;

			while (now() < until && pump(&sc, until - now()))
				;
		} else if (strcmp(cmd, "timeout") == 0) {
			timeout = atof(arg);
		} else if (strcmp(cmd, "signal") == 0) {
			kill(child, signal_number(arg));
		} else if (strcmp(cmd, "exit") == 0 || strcmp(cmd, "killed") == 0) {
			bool want_exit = cmd[0] == 'e';
			int want = want_exit ? atoi(arg) : signal_number(arg);

			if (!wait_end(&sc, timeout)) {
				fprintf(stderr,
					"ptydrive: %s:%ld: %s %s: the program is still running\n",
					scenario, lineno, cmd, arg);
				failed = 1;
			} else if (want_exit && (!WIFEXITED(child_status) ||
						 WEXITSTATUS(child_status) != want)) {
				fprintf(stderr,
					"ptydrive: %s:%ld: wanted exit status %d, got %s %d\n",
					scenario, lineno, want,
					WIFEXITED(child_status) ? "status" : "signal",
					WIFEXITED(child_status) ? WEXITSTATUS(child_status)
								: WTERMSIG(child_status));
				failed = 1;
			} else if (!want_exit &&
				   (!WIFSIGNALED(child_status) || WTERMSIG(child_status) != want)) {
				fprintf(stderr,
					"ptydrive: %s:%ld: wanted the program killed by signal "
					"%d\n",
					scenario, lineno, want);
				failed = 1;
			}
		} else {
			fprintf(stderr, "ptydrive: %s:%ld: unknown step '%s'\n", scenario, lineno,
				cmd);
			failed = 2;
		}
	}
	if (failed)
		show_tail(&sc);
	if (!child_done) {
		kill(child, SIGKILL);
		reap(true);
	}
	free(line);
	free(sc.text);
	if (sc.log)
		fclose(sc.log);
	if (in != stdin)
		fclose(in);
	close(master);
	return failed;
}
