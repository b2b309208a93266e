/*
 * The interactive prompt, on GNU readline's alternate (callback) interface:
 * the loop waits in pselect() with the signals unblocked only there, so a
 * signal can never slip in between checking the flags and waiting. Ctrl-C
 * cancels the line or the question being typed and never ends the program;
 * SIGTERM and SIGHUP save and leave; Ctrl-D at an empty prompt leaves, asking
 * first if changes would be lost.
 *
 * Readline's callbacks take no context, hence the few file-scope variables;
 * there is one prompt per process.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "legitcheck/complete.h"
#include "legitcheck/shell.h"
#include "legitcheck/ui.h"
#include "legitcheck/version.h"

#define HISTORY_LINES 1000
#define MAX_WIDTH     100

enum read_status { READ_LINE, READ_EOF, READ_INTERRUPT, READ_TERMINATE };

static struct session *cur_session;
static const char *const *ask_words; /* completion during a question */
static bool asking;
static bool line_done;
static char *line_read;
static struct completion cur_completion;
static int next_match;

static void on_line(char *line)
{
	line_done = true;
	line_read = line;
	/* Taken down at once, so that readline does not prepare another line. */
	rl_callback_handler_remove();
}

static void update_width(struct session *s)
{
	int rows, cols;

	rl_get_screen_size(&rows, &cols);
	if (cols <= 0)
		cols = 80;
	s->width = (unsigned)(cols > MAX_WIDTH ? MAX_WIDTH : cols - 1);
}

/* Reads one line at prompt, initial text already in it. */
static enum read_status read_line(const char *prompt, const char *initial, char **out,
				  const sigset_t *waitmask)
{
	int fd = fileno(rl_instream);

	*out = NULL;
	line_done = false;
	line_read = NULL;
	fflush(stdout);
	rl_callback_handler_install(prompt, on_line);
	if (initial && *initial) {
		rl_insert_text(initial);
		rl_redisplay();
	}
	while (!line_done) {
		fd_set fds;

		if (shell_got_terminate) {
			rl_callback_handler_remove();
			fputc('\n', rl_outstream);
			return READ_TERMINATE;
		}
		if (shell_got_interrupt) {
			shell_got_interrupt = 0;
			rl_echo_signal_char(SIGINT);
			rl_free_line_state();
			rl_callback_sigcleanup();
			rl_cleanup_after_signal();
			rl_callback_handler_remove();
			fputc('\n', rl_outstream);
			fflush(rl_outstream);
			return READ_INTERRUPT;
		}
		if (shell_got_resize) {
			shell_got_resize = 0;
			rl_resize_terminal();
			if (cur_session)
				update_width(cur_session);
		}
		FD_ZERO(&fds);
		FD_SET(fd, &fds);
		if (pselect(fd + 1, &fds, NULL, NULL, NULL, waitmask) < 0) {
			if (errno == EINTR)
				continue;
			rl_callback_handler_remove();
			return READ_EOF;
		}
		rl_callback_read_char();
	}
	if (!line_read)
		return READ_EOF;
	*out = line_read;
	return READ_LINE;
}

static sigset_t wait_mask;

static int repl_ask(struct session *s, const char *prompt, const char *initial,
		    const char *const *words, char **answer)
{
	enum read_status st;

	(void)s;
	asking = true;
	ask_words = words;
	st = read_line(prompt, initial, answer, &wait_mask);
	asking = false;
	ask_words = NULL;
	if (st == READ_EOF)
		fputc('\n', rl_outstream);
	return st == READ_LINE ? SESSION_ASK_OK : SESSION_ASK_CANCELLED;
}

static char *next_candidate(const char *text, int state)
{
	(void)text;
	if (!state)
		next_match = 0;
	if (next_match >= cur_completion.words.count)
		return NULL;
	/* Readline frees what it is given. */
	return strdup(cur_completion.words.words[next_match++]);
}

static char **attempt_completion(const char *text, int start, int end)
{
	char **matches = NULL;

	(void)start;
	rl_attempted_completion_over = 1;
	completion_release(&cur_completion);
	completion_init(&cur_completion);
	if (asking) {
		complete_words(ask_words, text, &cur_completion);
	} else {
		char *line = xstrndup(rl_line_buffer, (size_t)end);

		complete_line(cur_session, line, &cur_completion);
		free(line);
		if (cur_completion.files) {
			/* Readline's own file name completion. */
			rl_attempted_completion_over = 0;
			return NULL;
		}
	}
	if (cur_completion.words.count)
		matches = rl_completion_matches(text, next_candidate);
	return matches;
}

/* mkdir -p of the directories above path, private to the user. */
static void make_parents(const char *path)
{
	char *dir = xstrdup(path), *p;

	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
	free(dir);
}

/* The history file: created private (0600), loaded, bounded. */
static void history_start(struct session *s)
{
	int fd;

	stifle_history(HISTORY_LINES);
	if (!s->history)
		return;
	make_parents(s->history);
	fd = open(s->history, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(s->err, "legitcheck: cannot keep the history in '%s': %s\n", s->history,
			strerror(errno));
		s->history = NULL;
		return;
	}
	/* Commands may carry names and notes: only the user may read them. */
	fchmod(fd, 0600);
	close(fd);
	read_history(s->history);
	history_truncate_file(s->history, HISTORY_LINES);
}

static void history_add(struct session *s, const char *line)
{
	HIST_ENTRY *last = history_length ? history_get(history_base + history_length - 1) : NULL;

	if (last && strcmp(last->line, line) == 0)
		return;
	add_history(line);
	/* At once, so that a crash loses no command. */
	if (s->history && append_history(1, s->history) == 0)
		history_truncate_file(s->history, HISTORY_LINES);
}

static char *make_prompt(const struct session *s)
{
	const char *id = s->cf ? s->cf->checklist->questions[s->current].id : "legitcheck";

	if (!s->color)
		return xasprintf("%s> ", id);
	/* \001 and \002 tell readline which bytes take no room on the screen. */
	return xasprintf("\001%s\002%s\001%s\002> ", ui_color(s, UI_BOLD), id,
			 ui_color(s, UI_RESET));
}

static void setup_readline(struct session *s)
{
	rl_readline_name = "legitcheck";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_initialize();
	/* Without a UTF-8 locale readline would turn accented letters into
	 * meta keys; let the bytes through whatever the locale. */
	if (MB_CUR_MAX == 1) {
		rl_variable_bind("input-meta", "on");
		rl_variable_bind("convert-meta", "off");
		rl_variable_bind("output-meta", "on");
	}
	rl_attempted_completion_function = attempt_completion;
	rl_completer_word_break_characters = " \t\n";
	rl_completer_quote_characters = "\"'";
	rl_filename_quote_characters = " \t\n\"'\\";
	rl_basic_quote_characters = "\"'";
	completion_init(&cur_completion);
	update_width(s);
}

static void welcome(struct session *s)
{
	session_say(s, "%slegitcheck %s%s · ", ui_color(s, UI_BOLD), LEGITCHECK_VERSION,
		    ui_color(s, UI_RESET));
	if (s->path)
		session_say(s, "case '%s'%s\n", s->path,
			    s->read_only ? ", read-only ('save FILE' keeps changes in another file)"
			    : s->autosave ? ", saved as you go"
					  : "");
	else
		session_say(s, "new case, not saved yet ('save FILE' names it)\n");
	session_say(s, "Type a choice to answer; Tab completes, 'help' lists the commands, Ctrl-D "
		       "leaves.\n\n");
	if (session_next_unanswered(s, 0) < 0) {
		shell_execute_line(s, "status");
		session_say(s, "Every question that applies is answered: 'list' reviews them, "
			       "'score' gives the verdicts.\n");
	} else {
		shell_execute_line(s, "show");
	}
}

/* Ctrl-D at an empty prompt: true to leave. */
static bool leave_on_eof(struct session *s)
{
	char *reply = NULL;
	enum read_status st;
	bool yes;

	session_say(s, "\n");
	if (!session_unsaved(s))
		return true;
	asking = true;
	st = read_line(s->read_only ? "the case is open read-only and your changes are not in it "
				      "('save FILE' keeps them); leave anyway? [y/N] "
		       : s->path    ? "the case has unsaved changes; leave without saving? [y/N] "
				    : "this new case has no file; leave without saving it? [y/N] ",
		       NULL, &reply, &wait_mask);
	asking = false;
	if (st == READ_EOF) {
		/* Ctrl-D twice, or the input is gone: keep the work somewhere. */
		shell_rescue(s);
		return true;
	}
	yes = st == READ_LINE && (reply[0] == 'y' || reply[0] == 'Y');
	free(reply);
	return yes;
}

int repl_run(struct session *s)
{
	sigset_t block, orig;
	int rc = LC_OK;

	s->interactive = true;
	s->wrap = true;
	s->ask = repl_ask;
	cur_session = s;
	setup_readline(s);
	history_start(s);
	shell_catch_signals(true);
	/* The signals are only let in while waiting for a key (pselect). */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &orig);
	wait_mask = orig;
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGHUP);
	sigdelset(&wait_mask, SIGWINCH);
	welcome(s);
	while (!s->quit) {
		char *prompt = make_prompt(s), *line;
		enum read_status st = read_line(prompt, NULL, &line, &wait_mask);

		free(prompt);
		if (st == READ_TERMINATE || shell_got_terminate) {
			free(line);
			rc = shell_terminated(s);
			break;
		}
		if (st == READ_INTERRUPT)
			continue;
		if (st == READ_EOF) {
			if (leave_on_eof(s))
				break;
			continue;
		}
		if (line[strspn(line, " \t")])
			history_add(s, line);
		shell_execute_line(s, line);
		free(line);
		fflush(s->out);
		if (shell_got_terminate) {
			rc = shell_terminated(s);
			break;
		}
	}
	sigprocmask(SIG_SETMASK, &orig, NULL);
	completion_release(&cur_completion);
	rl_callback_handler_remove();
	clear_history();
	s->ask = NULL;
	cur_session = NULL;
	return rc;
}
